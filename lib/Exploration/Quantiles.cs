namespace MLPrimer.Exploration;

/// <summary>Quantiles by numpy's default "linear" method (Hyndman and Fan type 7), the median and the interquartile range.</summary>
public static class Quantiles
{
    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics: with the values sorted as
    /// x₀ ≤ … ≤ x_{n−1} and h = (n − 1)·q, it is x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋) — numpy.quantile and pandas' default.
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        Guard.Sample(values, nameof(values), advice: Summary.MissingValuesAdvice);
        Guard.UnitInterval(q, nameof(q), "as a quantile level");
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return Sorted(sorted, q);
    }

    /// <summary>Several quantiles of the same values, sorting them once.</summary>
    public static double[] Quantile(ReadOnlySpan<double> values, params double[] qs)
    {
        Guard.Sample(values, nameof(values), advice: Summary.MissingValuesAdvice);
        ArgumentNullException.ThrowIfNull(qs);
        foreach (var q in qs) Guard.UnitInterval(q, nameof(q), "as a quantile level");
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return qs.Select(q => Sorted(sorted, q)).ToArray();
    }

    /// <summary>The median, the 0.5-quantile.</summary>
    public static double Median(ReadOnlySpan<double> values) => Quantile(values, 0.5);

    /// <summary>Interquartile range Q3 − Q1 (linear quantiles).</summary>
    public static double InterquartileRange(ReadOnlySpan<double> values)
    {
        var q = Quantile(values, 0.25, 0.75);
        return q[1] - q[0];
    }

    internal static double Sorted(double[] sorted, double q) => AtIndex(sorted, (sorted.Length - 1) * q);

    // Linear interpolation between the sorted values around the virtual index h = (n − 1)·q ≥ 0. Callers whose q is a
    // fraction i/k pass (n − 1)·i/k, computed from the integers, so that a whole index stays whole in floating point.
    internal static double AtIndex(double[] sorted, double h)
    {
        var lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
