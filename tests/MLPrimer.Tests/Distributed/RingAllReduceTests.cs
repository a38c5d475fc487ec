using MLPrimer.Distributed;

namespace MLPrimer.Tests.Distributed;

public class RingAllReduceTests
{
    private static float[][] RandomBuffers(int workers, int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, workers).Select(_ => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToArray();
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 10)]
    [InlineData(3, 10)]     // uneven chunks 4, 3, 3
    [InlineData(4, 1000)]
    [InlineData(5, 3)]      // fewer elements than workers: two chunks are empty
    [InlineData(7, 101)]
    [InlineData(4, 0)]
    public void EveryWorkerEndsWithTheSum(int workers, int n)
    {
        var buffers = RandomBuffers(workers, n, seed: workers * 1000 + n);
        var expected = Enumerable.Range(0, n).Select(j => buffers.Sum(b => (double)b[j])).ToArray();
        RingAllReduce.SumInPlace(buffers);
        for (var j = 0; j < n; j++) Assert.Equal(expected[j], buffers[0][j], 1e-5);
        // The all-gather copies finished chunks, so every worker holds bit-identical results.
        Assert.All(buffers, b => Assert.Equal(buffers[0], b));
    }

    [Fact]
    public void SmallCaseByHand()
    {
        // Three workers, six elements: worker i holds (i+1) * [1, 2, 3, 4, 5, 6]; the sum is 6 * [1..6].
        var buffers = Enumerable.Range(1, 3).Select(i => Enumerable.Range(1, 6).Select(v => (float)(i * v)).ToArray()).ToArray();
        var sent = RingAllReduce.SumInPlace(buffers);
        Assert.All(buffers, b => Assert.Equal(new float[] { 6, 12, 18, 24, 30, 36 }, b));
        // 2(K-1) = 4 chunks of 2 elements each: 8 = 2(3-1)/3 * 6.
        Assert.Equal(new long[] { 8, 8, 8 }, sent);
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(4, 1000)]
    [InlineData(8, 4096)]
    public void BytesSentMatchTheFormulaForEvenChunks(int workers, int n)
    {
        var sent = RingAllReduce.SumInPlace(RandomBuffers(workers, n, 1));
        Assert.All(sent, s => Assert.Equal(RingAllReduce.ElementsSentPerWorker(n, workers), s));
        Assert.Equal(2.0 * (workers - 1) / workers * n, RingAllReduce.ElementsSentPerWorker(n, workers));
    }

    [Theory]
    [InlineData(3, 10)]
    [InlineData(7, 101)]
    [InlineData(5, 3)]
    public void UnevenChunksSendEachChunkTwiceAroundTheRing(int workers, int n)
    {
        var sent = RingAllReduce.SumInPlace(RandomBuffers(workers, n, 2));
        // Every chunk travels K-1 hops in each phase, so the total is 2(K-1)N; no worker is more than two chunks off the mean.
        Assert.Equal(2L * (workers - 1) * n, sent.Sum());
        Assert.All(sent, s => Assert.InRange(s, RingAllReduce.ElementsSentPerWorker(n, workers) - 2, RingAllReduce.ElementsSentPerWorker(n, workers) + 2));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>("buffers", () => RingAllReduce.SumInPlace([]));
        Assert.Throws<ArgumentException>("buffers", () => RingAllReduce.SumInPlace([new float[3], new float[4]]));
        Assert.Throws<ArgumentException>("n", () => RingAllReduce.ElementsSentPerWorker(-1, 2));
        Assert.Throws<ArgumentException>("workers", () => RingAllReduce.ElementsSentPerWorker(10, 0));
    }
}
