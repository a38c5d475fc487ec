namespace MLPrimer.Exploration;

/// <summary>Descriptive statistics of one variable: centre, spread and shape (conventions of scipy.stats and pandas).</summary>
public static class Descriptive
{
    /// <summary>Arithmetic mean.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        Guard.Sample(values, nameof(values), advice: Summary.MissingValuesAdvice);
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>Variance Σ(x − mean)² / (n − ddof); ddof = 1 (the default, pandas' choice) is the unbiased sample variance, ddof = 0 numpy's.</summary>
    public static double Variance(ReadOnlySpan<double> values, int ddof = 1)
    {
        if (ddof < 0) throw new ArgumentException($"ddof must be non-negative, not {ddof}.", nameof(ddof));
        if (ddof > values.Length)
            throw new ArgumentException($"ddof must be smaller than the number of values ({values.Length}), not {ddof}: the variance divides by n − ddof.", nameof(ddof));
        Guard.Sample(values, nameof(values), ddof + 1, advice: Summary.MissingValuesAdvice);
        return CentralMoment(values, 2) * values.Length / (values.Length - ddof);
    }

    /// <summary>Standard deviation, the square root of <see cref="Variance"/> with the same ddof.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values, int ddof = 1) => Math.Sqrt(Variance(values, ddof));

    /// <summary>
    /// Skewness. bias = true: g1 = m3 / m2^1.5 (scipy.stats.skew's default); bias = false: the adjusted
    /// G1 = g1·√(n(n−1))/(n−2) (pandas' Series.skew). NaN for constant data.
    /// </summary>
    public static double Skewness(ReadOnlySpan<double> values, bool bias = true)
    {
        Guard.Sample(values, nameof(values), bias ? 1 : 3, advice: Summary.MissingValuesAdvice);
        double m2 = CentralMoment(values, 2), m3 = CentralMoment(values, 3);
        if (IsConstant(values, m2)) return double.NaN;
        var g1 = m3 / Math.Pow(m2, 1.5);
        double n = values.Length;
        return bias ? g1 : g1 * Math.Sqrt(n * (n - 1)) / (n - 2);
    }

    /// <summary>
    /// Kurtosis. fisher = true gives excess kurtosis (0 for a normal distribution). bias = true: m4 / m2² (scipy.stats.kurtosis's
    /// default); bias = false: the adjusted estimator [(n²−1)·m4/m2² − 3(n−1)²]/((n−2)(n−3)) + 3 (pandas' Series.kurt). NaN for constant data.
    /// </summary>
    public static double Kurtosis(ReadOnlySpan<double> values, bool fisher = true, bool bias = true)
    {
        Guard.Sample(values, nameof(values), bias ? 1 : 4, advice: Summary.MissingValuesAdvice);
        double m2 = CentralMoment(values, 2), m4 = CentralMoment(values, 4);
        if (IsConstant(values, m2)) return double.NaN;
        double n = values.Length;
        var kurtosis = bias ? m4 / (m2 * m2) : ((n * n - 1) * m4 / (m2 * m2) - 3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3)) + 3;
        return fisher ? kurtosis - 3 : kurtosis;
    }

    /// <summary>The most frequent value and how often it occurs; the smallest such value on ties (scipy.stats.mode).</summary>
    public static (double Value, int Count) Mode(ReadOnlySpan<double> values)
    {
        Guard.Sample(values, nameof(values), advice: Summary.MissingValuesAdvice);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double best = sorted[0];
        int bestCount = 0;
        for (int i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j < sorted.Length && sorted[j] == sorted[i]) j++;
            if (j - i > bestCount) { best = sorted[i]; bestCount = j - i; }
            i = j;
        }
        return (best, bestCount);
    }

    // m_k = Σ (x − mean)^k / n
    internal static double CentralMoment(ReadOnlySpan<double> values, int k)
    {
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        double sum = 0;
        foreach (var v in values) sum += Math.Pow(v - mean, k);
        return sum / values.Length;
    }

    // scipy's rule: the variance is zero up to rounding relative to the mean's magnitude.
    private static bool IsConstant(ReadOnlySpan<double> values, double m2)
    {
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        var resolution = 1e-15 * Math.Abs(mean);
        return m2 <= resolution * resolution;
    }
}
