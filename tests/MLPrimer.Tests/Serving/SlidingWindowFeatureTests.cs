using MLPrimer.Serving;

namespace MLPrimer.Tests.Serving;

public class SlidingWindowFeatureTests
{
    [Fact]
    public void HandCalculatedWindow()
    {
        // key a: values 1, 2, 3, 4 with W = 2 -> features before each event: (0, NaN), (1, 1), (2, 1.5), (2, 2.5)
        var f = new SlidingWindowFeature(2);
        var got = new[] { 1.0, 2, 3, 4 }.Select((v, t) => f.Update(new WindowEvent("a", t, v))).ToArray();
        Assert.Equal([new(0, double.NaN), new(1, 1), new(2, 1.5), new(2, 2.5)], got);
        Assert.Equal(new WindowStats(0, double.NaN), f.Update(new WindowEvent("b", 9, 7)));
        Assert.Equal(2, f.KeyCount);
    }

    [Fact]
    public void StreamingEqualsBatchBitForBit()
    {
        var rng = new Random(5);
        var events = Enumerable.Range(0, 3000).Select(t => new WindowEvent($"user{rng.Next(40)}", t, rng.NextDouble() * 100 - 20)).ToArray();
        // The table arrives shuffled (batch sorts each key by time); the stream arrives in time order.
        var shuffled = events.OrderBy(_ => rng.Next()).ToArray();
        var batchByTime = shuffled.Zip(SlidingWindowFeature.ComputeBatch(shuffled, window: 7)).ToDictionary(p => p.First.Time, p => p.Second);
        var online = new SlidingWindowFeature(7);
        foreach (var e in events)
            Assert.Equal(batchByTime[e.Time], online.Update(e));     // record equality: exact doubles, NaN equal to NaN
        Assert.Equal(40, online.KeyCount);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new SlidingWindowFeature(0));
        Assert.Throws<ArgumentException>(() => SlidingWindowFeature.ComputeBatch([], 0));
        var f = new SlidingWindowFeature(3);
        f.Update(new WindowEvent("a", 10, 1));
        Assert.Throws<ArgumentException>(() => f.Update(new WindowEvent("a", 9, 1)));
    }
}
