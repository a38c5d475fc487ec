using MathNet.Numerics.Distributions;
using MLPrimer.Sampling;

namespace MLPrimer.Tests.Sampling;

public class ImportanceSamplingTests
{
    [Fact]
    public void WeightsAndEstimatesMatchHandCalculation()
    {
        // p = (0.2, 0.6), q = (0.4, 0.3) → w = (0.5, 2); f = (1, 3): plain (0.5 + 6) / 2 = 3.25, self-normalised 6.5 / 2.5 = 2.6.
        var w = ImportanceSampling.Weights([0.2, 0.6], [0.4, 0.3]);
        Assert.Equal([0.5, 2.0], w);
        Assert.Equal(3.25, ImportanceSampling.Estimate([1, 3], w), 12);
        Assert.Equal(2.6, ImportanceSampling.SelfNormalizedEstimate([1, 3], w), 12);
        // Kish: (1 + 1 + 2)² / (1 + 1 + 4) = 16 / 6.
        Assert.Equal(16.0 / 6, ImportanceSampling.EffectiveSampleSize([1, 1, 2]), 12);
        Assert.Equal(3.0, ImportanceSampling.EffectiveSampleSize([2, 2, 2]), 12);
    }

    [Fact]
    public void EstimatesATargetMomentFromProposalDraws()
    {
        // E_p[x²] = 1 for p = N(0, 1), estimated from 20 000 draws of q = N(0.5, 1.5); tolerance ≈ 5 standard errors.
        var q = new Normal(0.5, 1.5, new Random(11));
        var x = Enumerable.Range(0, 20000).Select(_ => q.Sample()).ToArray();
        var w = ImportanceSampling.Weights(x.Select(v => Normal.PDF(0, 1, v)).ToArray(), x.Select(v => q.Density(v)).ToArray());
        var f = x.Select(v => v * v).ToArray();
        Assert.InRange(ImportanceSampling.Estimate(f, w), 0.95, 1.05);
        Assert.InRange(ImportanceSampling.SelfNormalizedEstimate(f, w), 0.95, 1.05);
        Assert.InRange(w.Average(), 0.97, 1.03);                 // E_q[p/q] = 1
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Equal("proposalDensity", Assert.Throws<ArgumentException>(() => ImportanceSampling.Weights([0.1], [0.0])).ParamName);
        Assert.Equal("proposalDensity", Assert.Throws<ArgumentException>(() => ImportanceSampling.Weights([0.1], [0.2, 0.3])).ParamName);
        Assert.Equal("targetDensity", Assert.Throws<ArgumentException>(() => ImportanceSampling.Weights([-0.1], [0.2])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => ImportanceSampling.Estimate([1, 2], [1])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => ImportanceSampling.EffectiveSampleSize([0, 0])).ParamName);
    }
}
