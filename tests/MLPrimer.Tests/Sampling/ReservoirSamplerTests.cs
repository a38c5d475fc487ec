using MathNet.Numerics.Distributions;
using MLPrimer.Sampling;

namespace MLPrimer.Tests.Sampling;

public class ReservoirSamplerTests
{
    /// <summary>Counts how often each of n items lands in a sample, over many seeded runs.</summary>
    private static int[] InclusionCounts(int n, int runs, Func<int, IEnumerable<int>> sampleOfRun)
    {
        var counts = new int[n];
        for (var r = 0; r < runs; r++)
            foreach (var item in sampleOfRun(r)) counts[item]++;
        return counts;
    }

    /// <summary>Goodness of fit for inclusion counts of a k-of-n sample without replacement.</summary>
    /// <remarks>Each count O_i is Binomial(R, p) with p = k/n, and Cov(O_i, O_j) = -R p(1-p)/(n-1), so the covariance matrix is
    /// R p(1-p) n/(n-1) (I - 11ᵀ/n) and Σ(O_i - Rp)² · (n-1) / (n R p(1-p)) is χ² with n-1 degrees of freedom
    /// (Pearson's Σ(O-E)²/E would be too small by the factor (1-p)(n-1)/n). Returns the p-value.</remarks>
    private static double InclusionPValue(int[] counts, int k, int runs)
    {
        int n = counts.Length;
        double p = (double)k / n, expected = runs * p;
        var statistic = counts.Sum(o => (o - expected) * (o - expected)) * (n - 1) / (n * runs * p * (1 - p));
        return 1 - ChiSquared.CDF(n - 1, statistic);
    }

    [Fact]
    public void EveryItemIsKeptWithProbabilityKOverN()
    {
        const int n = 30, k = 6, runs = 5000;
        var counts = InclusionCounts(n, runs, r => ReservoirSampler<int>.SampleFrom(Enumerable.Range(0, n), k, seed: r));
        Assert.Equal(runs * k, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));        // expected 1000, sd √(5000·0.2·0.8) ≈ 28
        Assert.True(InclusionPValue(counts, k, runs) > 0.001, "inclusion counts are not uniform");
    }

    [Fact]
    public void TheGoodnessOfFitTestRejectsABiasedSampler()
    {
        // A sampler that keeps the first k items with probability 1/2 and a uniform sample otherwise: the test must notice.
        const int n = 30, k = 6, runs = 5000;
        var counts = InclusionCounts(n, runs, r => r % 2 == 0
            ? Enumerable.Range(0, k)
            : ReservoirSampler<int>.SampleFrom(Enumerable.Range(0, n), k, seed: r));
        Assert.True(InclusionPValue(counts, k, runs) < 1e-6);
    }

    [Fact]
    public void ShortStreamsAreKeptWholeAndSeedsRepeat()
    {
        var sampler = new ReservoirSampler<string>(5, seed: 1);
        sampler.AddRange(["a", "b", "c"]);
        Assert.Equal(["a", "b", "c"], sampler.Sample);
        Assert.Equal(3, sampler.Seen);
        Assert.Equal(ReservoirSampler<int>.SampleFrom(Enumerable.Range(0, 1000), 10, seed: 7),
                     ReservoirSampler<int>.SampleFrom(Enumerable.Range(0, 1000), 10, seed: 7));
        Assert.NotEqual(ReservoirSampler<int>.SampleFrom(Enumerable.Range(0, 1000), 10, seed: 7),
                        ReservoirSampler<int>.SampleFrom(Enumerable.Range(0, 1000), 10, seed: 8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NonPositiveKIsRejected(int k)
    {
        var e = Assert.Throws<ArgumentException>(() => new ReservoirSampler<int>(k));
        Assert.Equal("k", e.ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => new WeightedReservoirSampler<int>(k)).ParamName);
    }
}
