using MLPrimer.Sampling;

namespace MLPrimer.Tests.Sampling;

public class StratifiedSamplerTests
{
    [Fact]
    public void SampleKeepsTheStrataProportionsExactly()
    {
        // 60 A, 30 B, 10 C; a sample of 20 must hold 12, 6 and 2.
        var labels = Enumerable.Repeat("A", 60).Concat(Enumerable.Repeat("B", 30)).Concat(Enumerable.Repeat("C", 10)).ToArray();
        for (var seed = 0; seed < 20; seed++)
        {
            var rows = StratifiedSampler.Sample(labels, 20, seed);
            Assert.Equal(20, rows.Distinct().Count());
            Assert.Equal([12, 6, 2], new[] { "A", "B", "C" }.Select(l => rows.Count(r => labels[r] == l)));
        }
        Assert.Equal(StratifiedSampler.Sample(labels, 20, 5), StratifiedSampler.Sample(labels, 20, 5));
    }

    [Fact]
    public void AllocationUsesLargestRemainders()
    {
        // sizes 5, 3, 2 and 4 draws: exact shares 2.0, 1.2, 0.8 → floors 2, 1, 0 → the missing draw goes to the largest remainder (0.8).
        Assert.Equal([2, 1, 1], StratifiedSampler.Allocate([5, 3, 2], 4));
        // Equal remainders (sizes 1,1,1, 2 draws: 0.667 each) go to the lower indices.
        Assert.Equal([1, 1, 0], StratifiedSampler.Allocate([1, 1, 1], 2));
        Assert.Equal([5, 3, 2], StratifiedSampler.Allocate([5, 3, 2], 10));
    }

    [Fact]
    public void MeanWeightsEachStratumByItsPopulationShare()
    {
        // Stratum x: rows 0-2 (values 1, 2, 3), stratum y: row 3 (value 10). Sample rows 0 and 3:
        // 3/4 · 1 + 1/4 · 10 = 3.25 (the plain sample mean would be 5.5).
        string[] strata = ["x", "x", "x", "y"];
        Assert.Equal(3.25, StratifiedSampler.Mean(strata, [1, 2, 3, 10], [0, 3]), 12);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Equal("stratumSizes", Assert.Throws<ArgumentException>(() => StratifiedSampler.Allocate([3, 0], 2)).ParamName);
        Assert.Equal("stratumSizes", Assert.Throws<ArgumentException>(() => StratifiedSampler.Allocate([], 2)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentException>(() => StratifiedSampler.Allocate([3, 2], 6)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentException>(() => StratifiedSampler.Allocate([3, 2], 0)).ParamName);
        Assert.Equal("strata", Assert.Throws<ArgumentException>(() => StratifiedSampler.Sample(Array.Empty<int>(), 1)).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => StratifiedSampler.Mean(["x", "y"], [1, 2], [0])).ParamName);
    }
}
