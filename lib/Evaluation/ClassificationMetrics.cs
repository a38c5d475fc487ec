namespace MLPrimer.Evaluation;

/// <summary>How per-class scores are combined, as scikit-learn's <c>average</c> argument.</summary>
public enum Average
{
    /// <summary>Only the positive class 1; both label arrays must hold only 0 and 1.</summary>
    Binary,

    /// <summary>Pool true positives, predicted and actual counts over all classes, then divide once.</summary>
    Micro,

    /// <summary>Unweighted mean of the per-class scores.</summary>
    Macro,

    /// <summary>Mean of the per-class scores weighted by each class's support (number of true samples).</summary>
    Weighted,
}

/// <summary>Per-class precision, recall, F-score and support (scikit-learn's precision_recall_fscore_support with average=None).</summary>
public sealed class ClassificationScores
{
    /// <summary>Creates the per-class table from parallel arrays.</summary>
    public ClassificationScores(int[] labels, double[] precision, double[] recall, double[] fScore, int[] support)
    {
        Labels = labels;
        Precision = precision;
        Recall = recall;
        FScore = fScore;
        Support = support;
    }

    /// <summary>The classes, ascending: the sorted union of the labels seen in yTrue and yPred.</summary>
    public int[] Labels { get; }

    /// <summary>TP / (TP + FP) per class.</summary>
    public double[] Precision { get; }

    /// <summary>TP / (TP + FN) per class.</summary>
    public double[] Recall { get; }

    /// <summary>F-beta per class: (1 + beta²) P R / (beta² P + R), 0 when the denominator is 0.</summary>
    public double[] FScore { get; }

    /// <summary>Number of samples whose true label is the class.</summary>
    public int[] Support { get; }
}

public static partial class Metrics
{
    /// <summary>Fraction of samples whose predicted label equals the true label (int arrays convert to the spans).</summary>
    /// <remarks>Preferred over the <see cref="bool"/> overload where both apply, e.g. for <c>AccuracyScore([], [])</c>.</remarks>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static double AccuracyScore(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yPred.Length, nameof(yPred));
        long hits = 0;
        for (int i = 0; i < yTrue.Length; i++) if (yTrue[i] == yPred[i]) hits++;
        return (double)hits / yTrue.Length;
    }

    /// <summary>Fraction of samples whose predicted yes/no label equals the true one (bool arrays convert to the spans).</summary>
    public static double AccuracyScore(ReadOnlySpan<bool> yTrue, ReadOnlySpan<bool> yPred)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yPred.Length, nameof(yPred));
        long hits = 0;
        for (int i = 0; i < yTrue.Length; i++) if (yTrue[i] == yPred[i]) hits++;
        return (double)hits / yTrue.Length;
    }

    /// <summary>Precision TP / (TP + FP); <paramref name="zeroDivision"/> (0 or 1) is returned where nothing was predicted positive.</summary>
    public static double PrecisionScore(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred,
        Average average = Average.Binary, double zeroDivision = 0.0) =>
        Averaged(yTrue, yPred, 1.0, average, zeroDivision).Precision;

    /// <summary>Recall TP / (TP + FN); <paramref name="zeroDivision"/> (0 or 1) is returned where a class has no true samples.</summary>
    public static double RecallScore(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred,
        Average average = Average.Binary, double zeroDivision = 0.0) =>
        Averaged(yTrue, yPred, 1.0, average, zeroDivision).Recall;

    /// <summary>F1, the harmonic mean 2 P R / (P + R), per class then averaged as <paramref name="average"/> says.</summary>
    public static double F1Score(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred,
        Average average = Average.Binary, double zeroDivision = 0.0) =>
        Averaged(yTrue, yPred, 1.0, average, zeroDivision).FScore;

    /// <summary>F-beta (1 + beta²) P R / (beta² P + R): beta &gt; 1 favours recall, beta &lt; 1 precision.</summary>
    public static double FBetaScore(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred, double beta,
        Average average = Average.Binary, double zeroDivision = 0.0) =>
        Averaged(yTrue, yPred, beta, average, zeroDivision).FScore;

    /// <summary>Per-class precision, recall, F-beta and support over the sorted union of labels.</summary>
    public static ClassificationScores PrecisionRecallFScoreSupport(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred,
        double beta = 1.0, double zeroDivision = 0.0)
    {
        CheckPrfArguments(yTrue, yPred, beta, zeroDivision);
        var labels = LabelSet.Union(yTrue, yPred);
        var (tp, pred, truth) = CountPerClass(yTrue, yPred, labels);
        int k = labels.Count;
        var p = new double[k];
        var r = new double[k];
        var f = new double[k];
        var support = new int[k];
        for (int c = 0; c < k; c++)
        {
            (p[c], r[c], f[c]) = Prf(tp[c], pred[c], truth[c], beta, zeroDivision);
            support[c] = (int)truth[c];
        }
        return new ClassificationScores(labels.Labels, p, r, f, support);
    }

    private static (double Precision, double Recall, double FScore) Averaged(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred,
        double beta, Average average, double zeroDivision)
    {
        CheckPrfArguments(yTrue, yPred, beta, zeroDivision);
        if (average == Average.Binary)
        {
            Guard.Binary(yTrue, nameof(yTrue));
            Guard.Binary(yPred, nameof(yPred));
            long tp = 0, pred = 0, truth = 0;
            for (int i = 0; i < yTrue.Length; i++)
            {
                int t = yTrue[i], q = yPred[i];
                tp += t & q;
                pred += q;
                truth += t;
            }
            return Prf(tp, pred, truth, beta, zeroDivision);
        }

        var labels = LabelSet.Union(yTrue, yPred);
        var (tps, preds, truths) = CountPerClass(yTrue, yPred, labels);
        int k = labels.Count;
        switch (average)
        {
            case Average.Micro:
                return Prf(tps.Sum(), preds.Sum(), truths.Sum(), beta, zeroDivision);
            case Average.Macro:
            case Average.Weighted:
            {
                double sp = 0, sr = 0, sf = 0, weights = 0;
                for (int c = 0; c < k; c++)
                {
                    var (p, r, f) = Prf(tps[c], preds[c], truths[c], beta, zeroDivision);
                    double w = average == Average.Macro ? 1.0 : truths[c];
                    sp += p * w;
                    sr += r * w;
                    sf += f * w;
                    weights += w;
                }
                // Weighted with no true samples at all cannot happen here: every sample's true label is one of the classes.
                return (sp / weights, sr / weights, sf / weights);
            }
            default:
                throw new ArgumentException($"Unknown average {average}.", nameof(average));
        }
    }

    private static void CheckPrfArguments(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred, double beta, double zeroDivision)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yPred.Length, nameof(yPred));
        if (!(beta >= 0)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be >= 0.");
        if (zeroDivision != 0.0 && zeroDivision != 1.0)
            throw new ArgumentOutOfRangeException(nameof(zeroDivision), zeroDivision, "zeroDivision must be 0 or 1.");
    }

    private static (long[] Tp, long[] Pred, long[] True) CountPerClass(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred, LabelSet labels)
    {
        int k = labels.Count;
        var tp = new long[k];
        var pred = new long[k];
        var truth = new long[k];
        for (int i = 0; i < yTrue.Length; i++)
        {
            int t = labels.IndexOf(yTrue[i]);
            int p = labels.IndexOf(yPred[i]);
            truth[t]++;
            pred[p]++;
            if (t == p) tp[t]++;
        }
        return (tp, pred, truth);
    }

    /// <summary>scikit-learn's _prf_divide plus its F formula: a zero denominator gives zeroDivision for P and R, 0 for F.</summary>
    private static (double Precision, double Recall, double FScore) Prf(long tp, long pred, long truth, double beta, double zeroDivision)
    {
        double p = pred == 0 ? zeroDivision : (double)tp / pred;
        double r = truth == 0 ? zeroDivision : (double)tp / truth;
        if (double.IsPositiveInfinity(beta)) return (p, r, r);
        double beta2 = beta * beta;
        double denom = beta2 * p + r;
        double f = denom == 0.0 ? 0.0 : (1 + beta2) * p * r / denom;
        return (p, r, f);
    }
}
