using MathNet.Numerics.Distributions;
using MLPrimer.Sampling;

namespace MLPrimer.Tests.Sampling;

public class WeightedSamplingTests
{
    /// <summary>Pearson's χ² goodness of fit of multinomial counts against probabilities; returns the p-value.</summary>
    private static double PValue(int[] counts, double[] probabilities)
    {
        var total = counts.Sum();
        var statistic = counts.Select((o, i) => (o - total * probabilities[i]) * (o - total * probabilities[i]) / (total * probabilities[i])).Sum();
        return 1 - ChiSquared.CDF(counts.Length - 1, statistic);
    }

    [Fact]
    public void WithKOneItemIIsChosenWithProbabilityWOverSum()
    {
        double[] weights = [1, 2, 3, 4, 10];                    // P = 0.05, 0.10, 0.15, 0.20, 0.50
        var counts = new int[weights.Length];
        for (var r = 0; r < 20000; r++)
            counts[WeightedReservoirSampler<int>.SampleFrom(weights.Select((w, i) => (i, w)), 1, seed: r)[0]]++;
        var p = weights.Select(w => w / weights.Sum()).ToArray();
        Assert.InRange(counts[4] / 20000.0, 0.49, 0.51);
        Assert.True(PValue(counts, p) > 0.001);
    }

    [Fact]
    public void ZeroWeightsAreNeverChosenAndEqualWeightsAreUniform()
    {
        var counts = new int[10];
        for (var r = 0; r < 4000; r++)
            foreach (var i in WeightedReservoirSampler<int>.SampleFrom(Enumerable.Range(0, 10).Select(i => (i, i < 8 ? 1.0 : 0.0)), 4, seed: r))
                counts[i]++;
        Assert.Equal(0, counts[8] + counts[9]);
        Assert.All(counts[..8], c => Assert.InRange(c, 1800, 2200));   // k/n = 4/8 of 4000 runs
    }

    [Fact]
    public void ChoiceWithReplacementFollowsP()
    {
        double[] p = [0.5, 0.3, 0.2];
        var draws = RandomSampling.Choice(3, 30000, replace: true, p: p, seed: 0);
        var counts = Enumerable.Range(0, 3).Select(c => draws.Count(d => d == c)).ToArray();
        Assert.True(PValue(counts, p) > 0.001);
    }

    [Fact]
    public void ChoiceWithHugeWeightsStillDrawsEveryItem()
    {
        // Three weights of 1e308 sum to infinity; before the fix every draw was the last item.
        var draws = RandomSampling.Choice(3, 3000, replace: true, p: [1e308, 1e308, 1e308], seed: 0);
        Assert.All(Enumerable.Range(0, 3), k => Assert.InRange(draws.Count(d => d == k), 900, 1100));
        Assert.Equal([0, 1, 2], RandomSampling.Choice(3, 3, p: [1e308, 1e308, 1e308], seed: 1).Order());
    }

    [Fact]
    public void ChoiceWithoutReplacementHasNoRepeats()
    {
        var uniform = RandomSampling.Choice(50, 50, seed: 3);
        Assert.Equal(Enumerable.Range(0, 50), uniform.Order());
        var weighted = RandomSampling.Choice(5, 3, p: [1, 0, 1, 1, 0], seed: 3);
        Assert.Equal([0, 2, 3], weighted.Order());
    }

    [Fact]
    public void BadWeightsAndSizesAreRejected()
    {
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => new WeightedReservoirSampler<int>(2).Add(1, -1)).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => new WeightedReservoirSampler<int>(2).Add(1, double.NaN)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentException>(() => RandomSampling.Choice(2, 1, p: [1, -0.5])).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentException>(() => RandomSampling.Choice(2, 1, p: [0, 0])).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentException>(() => RandomSampling.Choice(3, 1, p: [1, 1])).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentException>(() => RandomSampling.Choice(3, 4)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentException>(() => RandomSampling.Choice(3, 3, p: [1, 1, 0])).ParamName);
        Assert.Equal("population", Assert.Throws<ArgumentException>(() => RandomSampling.Choice(0, 0)).ParamName);
    }
}
