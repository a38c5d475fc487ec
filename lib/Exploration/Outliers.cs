namespace MLPrimer.Exploration;

/// <summary>Outlier flags by Tukey's IQR rule: below Q1 − factor·IQR or above Q3 + factor·IQR.</summary>
public static class Outliers
{
    /// <summary>The fences (Q1 − factor·IQR, Q3 + factor·IQR); factor 1.5 is Tukey's "outlier", 3 his "far out".</summary>
    public static (double Lower, double Upper) IqrFences(ReadOnlySpan<double> values, double factor = 1.5)
    {
        if (!(factor >= 0) || double.IsInfinity(factor))
            throw new ArgumentException($"factor must be a non-negative number, not {factor}.", nameof(factor));
        var q = Quantiles.Quantile(values, 0.25, 0.75);
        var iqr = q[1] - q[0];
        return (q[0] - factor * iqr, q[1] + factor * iqr);
    }

    /// <summary>Indices of the values outside the IQR fences, in increasing order.</summary>
    public static int[] IqrOutliers(ReadOnlySpan<double> values, double factor = 1.5)
    {
        var (lower, upper) = IqrFences(values, factor);
        var found = new List<int>();
        for (var i = 0; i < values.Length; i++)
            if (values[i] < lower || values[i] > upper) found.Add(i);
        return found.ToArray();
    }
}
