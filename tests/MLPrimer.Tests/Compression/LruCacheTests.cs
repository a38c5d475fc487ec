using MLPrimer.Compression;

namespace MLPrimer.Tests.Compression;

public class LruCacheTests
{
    [Fact]
    public void EvictsTheLeastRecentlyUsed()
    {
        var cache = new LruCache<string, int>(2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        Assert.True(cache.TryGetValue("a", out var a));     // a is now the most recent, b the next to go
        Assert.Equal(1, a);
        cache.Set("c", 3);                                 // evicts b
        Assert.False(cache.TryGetValue("b", out _));
        Assert.Equal(new[] { "c", "a" }, cache.Keys);
        cache.Set("a", 10);                                // replacing refreshes, no eviction
        Assert.Equal(new[] { "a", "c" }, cache.Keys);
        Assert.Equal(2, cache.Count);
        Assert.Equal((1, 1), (cache.Hits, cache.Misses));
        Assert.Equal(0.5, cache.HitRate);
    }

    [Fact]
    public void GetOrAddComputesOnlyOnMisses()
    {
        var cache = new LruCache<int, int>(3);
        var calls = 0;
        foreach (var k in new[] { 1, 2, 1, 3, 4, 1, 2 })   // 4 evicts 2 (order before it: 3, 1, 2), so the last 2 is a miss
            cache.GetOrAdd(k, x => { calls++; return x * x; });
        Assert.Equal(5, calls);
        Assert.Equal(2, cache.Hits);
        Assert.Equal(new[] { 2, 1, 4 }, cache.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void CapacityMustBePositive(int capacity) =>
        Assert.Equal("capacity", Assert.Throws<ArgumentException>(() => new LruCache<int, int>(capacity)).ParamName);
}
