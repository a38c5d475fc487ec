using System.Collections.Concurrent;
using MLPrimer.Serving;

namespace MLPrimer.Tests.Serving;

public class DynamicBatcherTests
{
    [Fact]
    public async Task EachCallerGetsItsOwnResultAndBatchesRespectTheLimit()
    {
        var sizes = new ConcurrentBag<int>();
        using var batcher = new DynamicBatcher<int, int>(xs => { sizes.Add(xs.Count); Thread.Sleep(1); return xs.Select(x => x * x).ToArray(); },
                                                          maxBatchSize: 8, maxWait: TimeSpan.FromMilliseconds(2));
        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => batcher.SubmitAsync(i))));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i * i), results);
        Assert.All(sizes, s => Assert.InRange(s, 1, 8));
        Assert.Equal(500, sizes.Sum());
        Assert.Equal(sizes.Count, batcher.Batches);
        Assert.InRange(batcher.LargestBatch, 1, 8);
        Assert.Equal(500.0 / sizes.Count, batcher.MeanBatchSize, 9);
    }

    [Fact]
    public async Task QueuedInputsAreBatchedTogether()
    {
        // The model blocks on its first call until 20 more inputs are queued; the next calls must then take 5 (the limit) each.
        var gate = new ManualResetEventSlim();
        var sizes = new ConcurrentQueue<int>();
        using var batcher = new DynamicBatcher<int, int>(xs => { gate.Wait(); sizes.Enqueue(xs.Count); return xs.ToArray(); },
                                                          maxBatchSize: 5, maxWait: TimeSpan.Zero);
        var first = batcher.SubmitAsync(-1);
        while (batcher.Batches == 0) await Task.Delay(1);
        var rest = Enumerable.Range(0, 20).Select(batcher.SubmitAsync).ToArray();
        gate.Set();
        Assert.Equal(-1, await first);
        Assert.Equal(Enumerable.Range(0, 20), await Task.WhenAll(rest));
        Assert.Equal([1, 5, 5, 5, 5], sizes.ToArray());
    }

    [Fact]
    public async Task ModelErrorsReachEveryCallerOfTheBatch()
    {
        using var batcher = new DynamicBatcher<int, int>(_ => throw new InvalidOperationException("boom"), 4, TimeSpan.Zero);
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync(1));
        using var wrongCount = new DynamicBatcher<int, int>(_ => [], 4, TimeSpan.Zero);
        await Assert.ThrowsAsync<InvalidOperationException>(() => wrongCount.SubmitAsync(1));
    }

    [Fact]
    public void BadArgumentsAndUseAfterDispose()
    {
        Assert.Throws<ArgumentException>(() => new DynamicBatcher<int, int>(x => x.ToArray(), 0, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new DynamicBatcher<int, int>(x => x.ToArray(), 4, TimeSpan.FromMilliseconds(-1)));
        var batcher = new DynamicBatcher<int, int>(x => x.ToArray(), 4, TimeSpan.Zero);
        batcher.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.SubmitAsync(1); });
    }
}
