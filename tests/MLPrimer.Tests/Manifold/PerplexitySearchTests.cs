using MLPrimer.Manifold;

namespace MLPrimer.Tests.Manifold;

public class PerplexitySearchTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(5.0)]
    [InlineData(30.0)]
    public void CalibratedDistributionHasTheTargetPerplexity(double target)
    {
        // Squared distances of one point to 90 neighbours, spread like real data (not all equal).
        var random = new Random(7);
        var d2 = Enumerable.Range(0, 90).Select(_ => 50 + 400 * random.NextDouble()).ToArray();
        var p = new double[d2.Length];
        var beta = PerplexitySearch.Calibrate(d2, target, p);

        // Perplexity by its definition, 2^H with H = -Σ p log2 p in bits, computed here without the library.
        var bits = -p.Where(v => v > 0).Sum(v => v * Math.Log2(v));
        Assert.Equal(target, Math.Pow(2, bits), target * 1e-4);
        Assert.Equal(Math.Pow(2, bits), PerplexitySearch.Perplexity(p), 1e-9);
        // And the distribution is the Gaussian p_j = exp(-β d_j) / Σ exp(-β d_l) for the returned β.
        var weights = d2.Select(d => Math.Exp(-beta * (d - d2.Min()))).ToArray();
        for (var j = 0; j < p.Length; j++) Assert.Equal(weights[j] / weights.Sum(), p[j], 12);
        Assert.Equal(1.0, p.Sum(), 12);
    }

    [Fact]
    public void PerplexityOfAUniformDistributionIsItsSize()
    {
        // 2^H for uniform over 8 outcomes: H = 3 bits, perplexity 8.
        Assert.Equal(8.0, PerplexitySearch.Perplexity(Enumerable.Repeat(0.125, 8).ToArray()), 12);
    }

    [Fact]
    public void HugeDistancesDoNotUnderflow()
    {
        // exp(-d) underflows for d > 745 at β = 1; the search must still reach the target.
        var d2 = Enumerable.Range(0, 40).Select(i => 1e6 + 1e4 * i).ToArray();
        var p = new double[d2.Length];
        PerplexitySearch.Calibrate(d2, 10, p);
        Assert.Equal(10.0, PerplexitySearch.Perplexity(p), 1e-3);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var p = new double[3];
        Assert.Equal("perplexity", Assert.Throws<ArgumentException>(() => PerplexitySearch.Calibrate([1, 2, 3], 0, p)).ParamName);
        Assert.Equal("squaredDistances", Assert.Throws<ArgumentException>(() => PerplexitySearch.Calibrate([1, -2, 3], 2, p)).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => PerplexitySearch.Calibrate([1, 2], 2, p)).ParamName);
        Assert.Equal("squaredDistances", Assert.Throws<ArgumentException>(() => PerplexitySearch.Calibrate([], 2, [])).ParamName);
    }
}
