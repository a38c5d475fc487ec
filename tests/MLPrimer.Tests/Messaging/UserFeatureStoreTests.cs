using MLPrimer.Messaging;

namespace MLPrimer.Tests.Messaging;

/// <summary>The shared SQLite state: one transaction per event; idempotent by event id when asked.</summary>
public class UserFeatureStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AnIdempotentStoreIgnoresADuplicateAndANaiveOneCountsItTwice()
    {
        using var idempotent = new UserFeatureStore(Path.Combine(_dir, "a.db"), idempotent: true);
        using var naive = new UserFeatureStore(Path.Combine(_dir, "b.db"), idempotent: false);
        foreach (var store in new[] { idempotent, naive })
        {
            Assert.True(store.Apply("1-0", 7, 2.5, "a"));
            Assert.True(store.Apply("2-0", 7, 1.0, "a"));
            Assert.True(store.Apply("3-0", 8, 4.0, "a"));
        }
        Assert.False(idempotent.Apply("2-0", 7, 1.0, "b"));   // redelivered
        Assert.True(naive.Apply("2-0", 7, 1.0, "b"));
        Assert.Equal((2L, 3.5), idempotent.Features(7));       // 2.5 + 1.0
        Assert.Equal((3L, 4.5), naive.Features(7));            // the duplicate counted
        Assert.Equal((3L, 7.5), idempotent.Totals());
        Assert.Equal((0L, 0.0), idempotent.Features(99));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 3 }, idempotent.AppliedByConsumer());
        Assert.Equal("wal", idempotent.JournalMode());
    }

    [Fact]
    public void TwoConnectionsSeeTheSameState()
    {
        var path = Path.Combine(_dir, "shared.db");
        using var writer = new UserFeatureStore(path, idempotent: true);
        using var reader = new UserFeatureStore(path, idempotent: true);
        writer.Apply("1-0", 1, 3.0, "w");
        Assert.Equal((1L, 3.0), reader.Features(1));
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => new UserFeatureStore(" ", true)).ParamName);
        using var store = new UserFeatureStore(Path.Combine(_dir, "c.db"), true);
        Assert.Equal("eventId", Assert.Throws<ArgumentException>(() => store.Apply("", 1, 1, "a")).ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentException>(() => store.Apply("1-0", 1, double.NaN, "a")).ParamName);
    }
}
