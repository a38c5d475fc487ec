using MLPrimer.Trees;

namespace MLPrimer.Ensembles;

/// <summary>A one-split tree: rows with <c>x[Feature] &lt;= Threshold</c> get <see cref="LeftClass"/>, the others <see cref="RightClass"/>.</summary>
public sealed record DecisionStump(int Feature, double Threshold, int LeftClass, int RightClass)
{
    /// <summary>The stump's class for one row.</summary>
    public int Predict(float[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length <= Feature)
            throw new ArgumentException($"row has {row.Length} features, but this stump splits on feature {Feature}.", nameof(row));
        return row[Feature] <= Threshold ? LeftClass : RightClass;
    }

    /// <summary>Fits the stump with the lowest weighted error (each side predicts its heaviest class; ties: lowest feature,
    /// then lowest threshold, then lowest class). With a constant feature set the stump predicts the heaviest class on both sides.</summary>
    public static DecisionStump Fit(float[][] features, int[] labels, IReadOnlyList<double> weights, int classCount)
    {
        Guard.LabelledRows(features, labels);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != labels.Length)
            throw new ArgumentException($"Got {weights.Count} weights for {labels.Length} rows; they must match.", nameof(weights));
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)))
            throw new ArgumentException("weights must be finite and non-negative.", nameof(weights));
        if (classCount < 1 || labels.Any(l => l >= classCount))
            throw new ArgumentException($"classCount must exceed every label (got {classCount}).", nameof(classCount));

        var n = labels.Length;
        var totals = new double[classCount];
        for (var i = 0; i < n; i++) totals[labels[i]] += weights[i];
        var heaviest = ArgMax(totals);
        var best = new DecisionStump(0, double.PositiveInfinity, heaviest, heaviest);
        var bestError = totals.Sum() - totals[heaviest];

        var order = new int[n];
        var left = new double[classCount];
        for (var f = 0; f < features[0].Length; f++)
        {
            for (var i = 0; i < n; i++) order[i] = i;
            Array.Sort(order, (a, b) => features[a][f].CompareTo(features[b][f]));
            Array.Clear(left);
            for (var p = 1; p < n; p++)
            {
                left[labels[order[p - 1]]] += weights[order[p - 1]];
                double before = features[order[p - 1]][f], after = features[order[p]][f];
                if (after <= before) continue;
                var leftClass = ArgMax(left);
                var rightClass = 0;
                for (var k = 1; k < classCount; k++)
                    if (totals[k] - left[k] > totals[rightClass] - left[rightClass]) rightClass = k;
                var error = totals.Sum() - left[leftClass] - (totals[rightClass] - left[rightClass]);
                if (error < bestError - 1e-12)
                {
                    bestError = error;
                    var mid = before / 2 + after / 2;
                    best = new DecisionStump(f, mid == after ? before : mid, leftClass, rightClass);
                }
            }
        }
        return best;
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
            if (values[k] > values[best]) best = k;
        return best;
    }
}
