using MathNet.Numerics;

namespace MLPrimer.Monitoring;

/// <summary>Pearson's chi-squared test of independence on a contingency table (scipy.stats.chi2_contingency), used as a drift test for a categorical feature.</summary>
public static class ChiSquaredTest
{
    /// <summary>Chi-squared statistic, p-value, degrees of freedom and expected counts of an r×c table of non-negative counts; with <paramref name="correction"/>, Yates' continuity correction applies when dof = 1, as in scipy.</summary>
    public static ChiSquaredTestResult Contingency(double[,] observed, bool correction = true)
    {
        ArgumentNullException.ThrowIfNull(observed);
        int rows = observed.GetLength(0), cols = observed.GetLength(1);
        if (rows < 1 || cols < 1) throw new ArgumentException("observed must have at least one row and one column.", nameof(observed));
        var rowSum = new double[rows]; var colSum = new double[cols]; double total = 0;
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                var o = observed[i, j];
                if (!double.IsFinite(o) || o < 0)
                    throw new ArgumentException($"observed[{i},{j}] is {o}; counts must be finite and non-negative.", nameof(observed));
                rowSum[i] += o; colSum[j] += o; total += o;
            }
        for (var i = 0; i < rows; i++) if (rowSum[i] == 0) throw new ArgumentException($"row {i} of observed sums to zero: every expected count must be positive.", nameof(observed));
        for (var j = 0; j < cols; j++) if (colSum[j] == 0) throw new ArgumentException($"column {j} of observed sums to zero: every expected count must be positive (drop categories seen in neither sample).", nameof(observed));
        var expected = new double[rows, cols];
        var dof = (rows - 1) * (cols - 1);
        double stat = 0;
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                var e = rowSum[i] * colSum[j] / total;
                expected[i, j] = e;
                var diff = observed[i, j] - e;
                if (correction && dof == 1)
                    diff = Math.Sign(diff) * Math.Max(0, Math.Abs(diff) - 0.5);   // scipy shrinks |O−E| by 0.5, never past E
                stat += diff * diff / e;
            }
        // The upper tail directly: 1 − CDF rounds to 0 once the CDF is within 1e-16 of 1 (statistics past about 70 at dof 1).
        var p = dof == 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(dof / 2.0, stat / 2.0);
        return new ChiSquaredTestResult(stat, p, dof, expected);
    }

    /// <summary>Drift test for a categorical feature coded 0..categories−1: a 2×k table of the reference and current counts; categories absent from both samples are dropped.</summary>
    public static ChiSquaredTestResult TwoSample(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categories)
    {
        if (categories < 2) throw new ArgumentException($"categories must be at least 2, got {categories}.", nameof(categories));
        Guard.NotEmpty(reference.Length, nameof(reference));
        Guard.NotEmpty(current.Length, nameof(current));
        var counts = new double[2, categories];
        foreach (var c in reference) counts[0, Guard.Code(c, categories, nameof(reference), "category")]++;
        foreach (var c in current) counts[1, Guard.Code(c, categories, nameof(current), "category")]++;
        var kept = Enumerable.Range(0, categories).Where(j => counts[0, j] + counts[1, j] > 0).ToArray();
        if (kept.Length < 2) return new ChiSquaredTestResult(0, 1, 0, new double[2, kept.Length]);
        var table = new double[2, kept.Length];
        for (var k = 0; k < kept.Length; k++) { table[0, k] = counts[0, kept[k]]; table[1, k] = counts[1, kept[k]]; }
        return Contingency(table);
    }
}
