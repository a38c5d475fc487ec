using MLPrimer.Exploration;

namespace MLPrimer.Monitoring;

/// <summary>Population stability index, PSI = Σ (a_i − e_i)·ln(a_i/e_i) over bins, with e the reference share and a the current share of each bin; the industry rule of thumb reads &lt; 0.1 as stable, 0.1–0.25 as a moderate shift and &gt; 0.25 as a major one.</summary>
public static class PopulationStabilityIndex
{
    /// <summary>PSI of a numeric feature with bins cut at the reference sample's quantiles (equal-frequency bins; edges at the i/bins type-7 quantiles, open at both ends).</summary>
    public static double Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int bins = 10, double epsilon = 1e-4)
    {
        if (bins <= 1) throw new ArgumentException($"bins must be at least 2, got {bins}.", nameof(bins));
        Guard.Sample(reference, nameof(reference));
        Guard.Sample(current, nameof(current));
        var edges = Edges(reference, bins);
        return FromCounts(Histogram(reference, edges), Histogram(current, edges), epsilon);
    }

    /// <summary>Inner bin edges (bins − 1 of them) at the reference's quantiles, numpy's linear interpolation.</summary>
    public static double[] Edges(ReadOnlySpan<double> reference, int bins)
    {
        if (bins <= 1) throw new ArgumentException($"bins must be at least 2, got {bins}.", nameof(bins));
        Guard.Sample(reference, nameof(reference));
        var sorted = reference.ToArray();
        Array.Sort(sorted);
        // The i/bins quantile sits at the virtual index (n − 1)·i/bins; computed from the integers, whole indices stay whole.
        return Enumerable.Range(1, bins - 1).Select(i => Quantiles.AtIndex(sorted, (sorted.Length - 1) * (double)i / bins)).ToArray();
    }

    /// <summary>PSI from two histograms over the same bins; empty bins get share <paramref name="epsilon"/> so the logarithm stays finite.</summary>
    public static double FromCounts(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double epsilon = 1e-4)
    {
        if (expected.Length != actual.Length) throw new ArgumentException($"expected has {expected.Length} bins and actual {actual.Length}; they must match.", nameof(actual));
        if (expected.Length <= 1) throw new ArgumentException($"PSI needs at least 2 bins, got {expected.Length}.", nameof(expected));
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentException($"epsilon must be positive and finite, got {epsilon}.", nameof(epsilon));
        double te = Guard.Weights(expected, nameof(expected)), ta = Guard.Weights(actual, nameof(actual));
        double psi = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Max(expected[i] / te, epsilon);
            var a = Math.Max(actual[i] / ta, epsilon);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    // Bin i holds values in (edge[i-1], edge[i]] like pandas.cut's right-closed bins; the outer bins are open-ended.
    private static double[] Histogram(ReadOnlySpan<double> values, double[] edges)
    {
        var counts = new double[edges.Length + 1];
        foreach (var v in values)
        {
            var bin = Array.BinarySearch(edges, v);
            if (bin < 0) bin = ~bin;
            counts[bin]++;
        }
        return counts;
    }
}
