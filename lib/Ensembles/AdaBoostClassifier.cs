namespace MLPrimer.Ensembles;

/// <summary>AdaBoost with decision stumps, in its multi-class form SAMME (which for two classes is the classic AdaBoost):
/// after each round the rows the stump got wrong are up-weighted, so the next stump concentrates on them.</summary>
/// <remarks>Round t fits a stump to weights w, measures its weighted error e, gives it the say
/// <c>alpha = ln((1 - e) / e) + ln(K - 1)</c>, multiplies the weight of every misclassified row by <c>exp(alpha)</c>
/// and renormalises. Boosting stops early when a stump is perfect (e = 0) or no better than chance (e &gt;= 1 - 1/K).</remarks>
public sealed class AdaBoostClassifier
{
    private readonly List<DecisionStump> _stumps = [];
    private readonly List<double> _alphas = [];
    private readonly List<double> _errors = [];
    private readonly List<double[]> _weights = [];

    /// <summary>Creates an unfitted booster with at most <paramref name="rounds"/> stumps.</summary>
    public AdaBoostClassifier(int rounds = 50)
    {
        if (rounds < 1)
            throw new ArgumentException($"rounds must be at least 1 (got {rounds}).", nameof(rounds));
        Rounds = rounds;
    }

    /// <summary>Maximum number of boosting rounds.</summary>
    public int Rounds { get; }

    private int _featureCount;

    /// <summary>Number of classes seen in fit.</summary>
    public int ClassCount { get; private set; }

    /// <summary>The stump fitted in each round.</summary>
    public IReadOnlyList<DecisionStump> Stumps => _stumps;

    /// <summary>Each stump's say in the vote (alpha).</summary>
    public IReadOnlyList<double> EstimatorWeights => _alphas;

    /// <summary>Each stump's weighted training error, measured with the weights it was trained on.</summary>
    public IReadOnlyList<double> EstimatorErrors => _errors;

    /// <summary>Sample weights (summing to 1) going into each round; the last entry holds the weights after the final round.</summary>
    public IReadOnlyList<double[]> SampleWeights => _weights;

    /// <summary>Runs the boosting rounds on the given rows (labels 0 .. k-1).</summary>
    public AdaBoostClassifier Fit(float[][] features, int[] labels)
    {
        Guard.LabelledRows(features, labels);
        var maxLabel = labels.Max();
        if (maxLabel >= Trees.DecisionTreeClassifier.MaxClasses)
            throw new ArgumentException($"labels must be class indices 0 .. k-1 with k at most {Trees.DecisionTreeClassifier.MaxClasses:N0} (found {maxLabel}); encode the classes as 0, 1, 2, ... first.", nameof(labels));
        _stumps.Clear(); _alphas.Clear(); _errors.Clear(); _weights.Clear();
        _featureCount = features[0].Length;
        ClassCount = Math.Max(2, maxLabel + 1);
        var n = labels.Length;
        var w = Enumerable.Repeat(1.0 / n, n).ToArray();
        _weights.Add((double[])w.Clone());
        for (var t = 0; t < Rounds; t++)
        {
            var stump = DecisionStump.Fit(features, labels, w, ClassCount);
            var wrong = new bool[n];
            double error = 0;
            for (var i = 0; i < n; i++)
                if (wrong[i] = stump.Predict(features[i]) != labels[i]) error += w[i];
            if (error <= 0)
            {
                // A perfect stump: scikit-learn keeps it with weight 1 and stops; the sample weights stay as they are.
                _stumps.Add(stump); _alphas.Add(1.0); _errors.Add(0.0);
                _weights.Add((double[])w.Clone());
                break;
            }
            if (error >= 1.0 - 1.0 / ClassCount)
            {
                if (_stumps.Count == 0)
                    throw new InvalidOperationException($"The first stump is no better than chance (error {error:F3}); AdaBoost cannot start.");
                break;
            }
            var alpha = Math.Log((1 - error) / error) + Math.Log(ClassCount - 1);
            double total = 0;
            for (var i = 0; i < n; i++)
            {
                if (wrong[i]) w[i] *= Math.Exp(alpha);
                total += w[i];
            }
            for (var i = 0; i < n; i++) w[i] /= total;
            _stumps.Add(stump); _alphas.Add(alpha); _errors.Add(error);
            _weights.Add((double[])w.Clone());
        }
        return this;
    }

    /// <summary>The class with the largest total say among the stumps (ties: the lower class).</summary>
    public int Predict(float[] row) => Staged(row, _stumps.Count);

    /// <summary>Predictions for many rows.</summary>
    public int[] Predict(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(Predict).ToArray();
    }

    /// <summary>Predictions of the ensemble after 1, 2, ... stumps (like scikit-learn's staged_predict): result[t][i].</summary>
    public int[][] StagedPredict(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Length; i++) CheckRow(rows[i], nameof(rows));
        var result = new int[_stumps.Count][];
        var scores = new double[rows.Length, ClassCount];
        for (var t = 0; t < _stumps.Count; t++)
        {
            result[t] = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                scores[i, _stumps[t].Predict(rows[i])] += _alphas[t];
                var best = 0;
                for (var k = 1; k < ClassCount; k++)
                    if (scores[i, k] > scores[i, best]) best = k;
                result[t][i] = best;
            }
        }
        return result;
    }

    private void CheckRow(float[]? row, string name)
    {
        if (row is null || row.Length != _featureCount)
            throw new ArgumentException($"Each row needs the {_featureCount} features the model was fitted on (got {row?.Length.ToString() ?? "null"}).", name);
    }

    private int Staged(float[] row, int stumps)
    {
        if (_stumps.Count == 0) throw new InvalidOperationException("Call Fit before Predict.");
        CheckRow(row, nameof(row));
        var scores = new double[ClassCount];
        for (var t = 0; t < stumps; t++) scores[_stumps[t].Predict(row)] += _alphas[t];
        var best = 0;
        for (var k = 1; k < ClassCount; k++)
            if (scores[k] > scores[best]) best = k;
        return best;
    }
}
