using MathNet.Numerics;

namespace MLPrimer.Experiments;

/// <summary>Result of a sample-ratio-mismatch check: the chi-square statistic, its degrees of freedom and p-value.</summary>
public sealed record SampleRatioMismatchResult(double ChiSquare, int DegreesOfFreedom, double PValue)
{
    /// <summary>True when the p-value is below the check's threshold: the split is broken and the experiment's results should not be trusted.</summary>
    public bool Mismatch { get; init; }
}

/// <summary>Sample ratio mismatch (SRM) check: a chi-square goodness-of-fit test of the users per arm against the planned split (scipy's chisquare).</summary>
public static class SampleRatioMismatch
{
    /// <summary>Tests the observed users per arm against the planned shares (which are normalised to sum to 1); SRM is flagged below <paramref name="threshold"/>.</summary>
    public static SampleRatioMismatchResult Test(IReadOnlyList<long> observed, IReadOnlyList<double> expectedShares, double threshold = 0.001)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(expectedShares);
        if (observed.Count < 2) throw new ArgumentException("observed needs at least two arms.", nameof(observed));
        if (expectedShares.Count != observed.Count)
            throw new ArgumentException($"expectedShares has {expectedShares.Count} entries for {observed.Count} arms; it needs one per arm.", nameof(expectedShares));
        if (observed.Any(o => o < 0)) throw new ArgumentException("observed counts must be non-negative.", nameof(observed));
        if (expectedShares.Any(s => !(s > 0) || !double.IsFinite(s))) throw new ArgumentException("expectedShares must be positive and finite.", nameof(expectedShares));
        Guard.OpenUnitInterval(threshold, nameof(threshold));
        // Summed in double: counts near long.MaxValue would overflow a long sum.
        double total = observed.Sum(o => (double)o), shareSum = expectedShares.Sum();
        if (total == 0) throw new ArgumentException("observed counts sum to zero.", nameof(observed));
        double chi = 0;
        for (var i = 0; i < observed.Count; i++)
        {
            double e = total * expectedShares[i] / shareSum, d = observed[i] - e;
            chi += d * d / e;
        }
        int df = observed.Count - 1;
        double p = SpecialFunctions.GammaUpperRegularized(df / 2.0, chi / 2.0);   // upper tail without the cancellation of 1 − CDF
        return new SampleRatioMismatchResult(chi, df, p) { Mismatch = p < threshold };
    }
}
