using MLPrimer.Messaging;
using StackExchange.Redis;

namespace MLPrimer.Tests.Messaging;

/// <summary>The feature worker as a real process: it drains a stream into the store, and a SIGKILL leaves its events pending.</summary>
public class FeatureWorkerProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-worker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AKilledWorkersEventsStayPendingAndAreNotLost()
    {
        using var server = RedisServerProcess.Start();
        using var redis = server.Connect();
        var db = redis.GetDatabase();
        for (var i = 0; i < 30; i++) await db.StreamAddAsync("clicks", [new("user", i % 3), new("amount", 1.0)]);
        await db.StreamCreateConsumerGroupAsync("clicks", "features", "0");
        var path = Path.Combine(_dir, "f.db");
        int pid;
        using (var worker = FeatureWorkerProcess.Start(server.Configuration, "clicks", "features", "w1", path, stallAfter: 4))
        {
            pid = worker.ProcessId;
            var stalled = worker.WaitForLine("stalled after committing");
            worker.Kill();
            Assert.True(worker.HasExited);
            Assert.Contains("read 10:", string.Join("\n", worker.Lines));
            Assert.EndsWith("before XACK", stalled);
        }
        Assert.False(RedisServerProcessTests.ProcessIsAlive(pid));
        var pending = await db.StreamPendingAsync("clicks", "features");
        Assert.Equal(10 - 3, pending.PendingMessageCount);             // read 10, acknowledged 3, the 4th committed but not acked
        using var store = new UserFeatureStore(path, idempotent: true);
        Assert.Equal(4L, store.Totals().Clicks);

        // A second worker process drains the rest; the claim of the 7 pending ones is the notebook's job, so 20 remain for it.
        using var second = FeatureWorkerProcess.Start(server.Configuration, "clicks", "features", "w2", path, exitWhenIdleMs: 500);
        Assert.True(second.WaitForExit(60));
        Assert.Equal(24L, store.Totals().Clicks);
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => FeatureWorkerProcess.Start("127.0.0.1:1", "", "g", "c", "x.db")).ParamName);
        Assert.Equal("stallAfter", Assert.Throws<ArgumentException>(() => FeatureWorkerProcess.Start("127.0.0.1:1", "s", "g", "c", "x.db", stallAfter: -1)).ParamName);
    }
}
