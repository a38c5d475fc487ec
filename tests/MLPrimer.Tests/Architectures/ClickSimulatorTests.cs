using MLPrimer.Architectures;

namespace MLPrimer.Tests.Architectures;

public class ClickSimulatorTests
{
    private static readonly ClickLog Log = ClickSimulator.Generate(40_000, new ClickSimulatorOptions { Seed = 3 });

    [Fact]
    public void ClickRateMatchesTheTrueProbabilities()
    {
        // Each click is a Bernoulli draw from ClickProbability, so the empirical rate must sit within a few standard
        // errors (sqrt(p(1-p)/n) ≈ 0.0022 at n = 40,000) of the mean true probability.
        double expected = Log.ClickProbability.Average();
        Assert.InRange(Log.ClickRate, expected - 0.01, expected + 0.01);
        Assert.InRange(Log.ClickRate, 0.15, 0.40);
        Assert.InRange(Log.PurchaseProbability.Average(), Log.PurchaseRate - 0.01, Log.PurchaseRate + 0.01);
    }

    [Fact]
    public void PurchasesHappenOnlyAfterClicksAndAreRarer()
    {
        Assert.All(Enumerable.Range(0, Log.Count), r => Assert.True(Log.Purchase[r] <= Log.Click[r]));
        Assert.True(Log.PurchaseRate < Log.ClickRate / 2);
        Assert.True(Log.PurchaseRate > 0.01);
    }

    [Fact]
    public void PlantedCrossEffectIsMeasurable()
    {
        // Logit(true p) minus the other terms of the formula is CrossEffect exactly in planted cells and 0 elsewhere.
        var w = Log.World;
        var o = w.Options;
        for (var r = 0; r < 2000; r++)
        {
            double p = Log.ClickProbability[r];
            double rest = o.ClickBias + o.TasteWeight * w.Taste(Log.User[r], Log.Item[r]) + o.PriceEffect * w.ItemPrice[Log.Item[r]]
                          + o.ActivityEffect * w.UserActivity[Log.User[r]];
            Assert.Equal(Log.PlantedCross[r] ? o.CrossEffect : 0.0, Math.Log(p / (1 - p)) - rest, 9);
        }
        // And it shows in the labels: planted rows click far more often.
        var planted = Enumerable.Range(0, Log.Count).Where(r => Log.PlantedCross[r]).Average(r => (double)Log.Click[r]);
        var other = Enumerable.Range(0, Log.Count).Where(r => !Log.PlantedCross[r]).Average(r => (double)Log.Click[r]);
        Assert.True(planted > other + 0.25, $"planted {planted:F3} vs other {other:F3}");
        // About CrossShare of the cells are planted (400 cells, binomial sd ≈ 6).
        int cells = 0;
        foreach (var b in w.Planted) cells += b ? 1 : 0;
        Assert.InRange(cells, 40 - 20, 40 + 20);
    }

    [Fact]
    public void RowsAgreeWithTheWorld()
    {
        Assert.All(Enumerable.Range(0, 500), r =>
        {
            Assert.Equal(Log.World.UserSegment[Log.User[r]], Log.Segment[r]);
            Assert.Equal(Log.World.ItemCategory[Log.Item[r]], Log.Category[r]);
            Assert.Equal((float)Log.World.ItemPrice[Log.Item[r]], Log.Dense[r][0]);
            Assert.Equal(Log.World.Planted[Log.Segment[r], Log.Category[r]], Log.PlantedCross[r]);
        });
        // Zipf popularity: item 0 is shown more often than item 199.
        Assert.True(Log.Item.Count(i => i == 0) > 2 * Log.Item.Count(i => i == 199));
    }

    [Fact]
    public void SameSeedSameRowsOtherSeedOtherRows()
    {
        var a = ClickSimulator.Generate(1000, new ClickSimulatorOptions { Seed = 5 });
        var b = ClickSimulator.Generate(1000, new ClickSimulatorOptions { Seed = 5 });
        var c = ClickSimulator.Generate(1000, new ClickSimulatorOptions { Seed = 6 });
        Assert.Equal(a.User, b.User);
        Assert.Equal(a.Item, b.Item);
        Assert.Equal(a.Click, b.Click);
        Assert.Equal(a.Purchase, b.Purchase);
        Assert.Equal(a.ClickProbability, b.ClickProbability);
        Assert.NotEqual(a.User, c.User);
    }

    [Fact]
    public void SubsetKeepsRowsInOrder()
    {
        var s = Log.Subset([5, 2]);
        Assert.Equal([Log.User[5], Log.User[2]], s.User);
        Assert.Equal([Log.Click[5], Log.Click[2]], s.Click);
        Assert.Same(Log.World, s.World);
        Assert.Throws<ArgumentException>(() => Log.Subset([Log.Count]));
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => ClickSimulator.Generate(0)).ParamName);
        Assert.Throws<ArgumentException>(() => ClickSimulator.Generate(10, new ClickSimulatorOptions { Users = 0 }));
        Assert.Throws<ArgumentException>(() => ClickSimulator.Generate(10, new ClickSimulatorOptions { CrossShare = 1.5 }));
        Assert.Throws<ArgumentException>(() => ClickSimulator.Generate(10, new ClickSimulatorOptions { TasteWeight = double.NaN }));
    }
}
