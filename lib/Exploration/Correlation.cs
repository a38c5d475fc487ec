namespace MLPrimer.Exploration;

/// <summary>Which correlation coefficient <see cref="Correlation.Matrix"/> computes.</summary>
public enum CorrelationMethod
{
    /// <summary>Pearson's r: strength of a linear relationship.</summary>
    Pearson,
    /// <summary>Spearman's ρ: Pearson's r of the ranks, strength of a monotonic relationship.</summary>
    Spearman,
}

/// <summary>Correlation coefficients between paired variables (scipy.stats.pearsonr / spearmanr, pandas DataFrame.corr).</summary>
public static class Correlation
{
    /// <summary>Pearson's r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²); NaN when either variable is constant.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        CheckPair(x, y);
        double mx = 0, my = 0;
        for (var i = 0; i < x.Length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>Spearman's ρ: Pearson's r between the ranks of x and of y, tied values sharing their average rank.</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        CheckPair(x, y);
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>Ranks 1..n of the values, ties getting the average of the ranks they span (scipy.stats.rankdata's "average").</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        Guard.Sample(values, nameof(values), advice: Summary.MissingValuesAdvice);
        var order = Enumerable.Range(0, values.Length).ToArray();
        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        for (int i = 0; i < keys.Length;)
        {
            var j = i;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            var average = (i + 1 + j) / 2.0;   // mean of ranks i+1 .. j
            for (var t = i; t < j; t++) ranks[order[t]] = average;
            i = j;
        }
        return ranks;
    }

    /// <summary>The symmetric matrix of pairwise coefficients between the given columns (each an array of the same length).</summary>
    public static double[,] Matrix(IReadOnlyList<double[]> columns, CorrelationMethod method = CorrelationMethod.Pearson)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("At least one column is required.", nameof(columns));
        var prepared = columns.Select(c => method == CorrelationMethod.Spearman ? Ranks(c) : c).ToArray();
        var k = prepared.Length;
        var result = new double[k, k];
        for (var a = 0; a < k; a++)
            for (var b = a; b < k; b++)
                result[a, b] = result[b, a] = a == b ? 1 : Pearson(prepared[a], prepared[b]);
        return result;
    }

    private static void CheckPair(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Guard.Sample(x, nameof(x), 2, advice: Summary.MissingValuesAdvice);
        Guard.Sample(y, nameof(y), 2, advice: Summary.MissingValuesAdvice);
        Guard.SameLength(x.Length, nameof(x), y.Length, nameof(y));
    }
}
