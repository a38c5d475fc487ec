using MLPrimer.Messaging;
using StackExchange.Redis;

namespace MLPrimer.Tests.Messaging;

/// <summary>A private redis-server: it answers, and after Dispose its process, port and folder are gone.</summary>
public class RedisServerProcessTests
{
    [Fact]
    public void StartsAnswersAndLeavesNothingBehind()
    {
        int pid, port;
        string dir;
        using (var server = RedisServerProcess.Start())
        {
            (pid, port, dir) = (server.ProcessId, server.Port, server.Directory);
            Assert.True(RedisServerProcess.IsListening(port));
            Assert.Matches(@"^\d+\.\d+\.\d+$", server.Version);
            using var redis = server.Connect();
            var db = redis.GetDatabase();
            db.StringSet("k", "v");
            Assert.Equal("v", (string?)db.StringGet("k"));
            Assert.Equal($"127.0.0.1:{port}", server.Configuration);
        }
        Assert.False(RedisServerProcess.IsListening(port), $"port {port} still accepts connections");
        Assert.False(ProcessIsAlive(pid), $"redis-server pid {pid} still running");
        Assert.False(Directory.Exists(dir));
    }

    /// <summary>redis-server must be told a port number; one taken after the pick makes it exit, and another port is tried.</summary>
    [Fact]
    public void APortTakenBetweenPickAndBindIsReplacedByAnother()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        int taken = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        var picks = new Queue<int>([taken]);
        using var server = RedisServerProcess.Start(0, 30, "redis-server", Environment.ProcessId, () => picks.TryDequeue(out var p) ? p : MLPrimer.Processes.LoopbackPort.Pick());
        Assert.Empty(picks);
        Assert.NotEqual(taken, server.Port);
        using var redis = server.Connect();
        Assert.True(redis.GetDatabase().Ping() < TimeSpan.FromSeconds(30));
    }

    /// <summary>When the owner is killed outright (no exit handlers run), the watchdog stops the server and deletes its folder.</summary>
    [Fact]
    public void TheServerDiesWithAKilledOwner()
    {
        using var owner = System.Diagnostics.Process.Start("sleep", "60");
        using var server = RedisServerProcess.Start(0, 30, "redis-server", owner.Id);
        Assert.True(RedisServerProcess.IsListening(server.Port));
        owner.Kill();
        owner.WaitForExit();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (ProcessIsAlive(server.ProcessId) && waited.Elapsed.TotalSeconds < 15) Thread.Sleep(100);
        Assert.False(ProcessIsAlive(server.ProcessId), "redis-server outlived its killed owner");
        Assert.False(RedisServerProcess.IsListening(server.Port));
        while (Directory.Exists(server.Directory) && waited.Elapsed.TotalSeconds < 15) Thread.Sleep(100);
        Assert.False(Directory.Exists(server.Directory), "the killed owner's redis folder was left behind");
    }

    [Fact]
    public void AMissingExecutableNamesTheDebianPackage()
    {
        var e = Assert.Throws<FileNotFoundException>(() => RedisServerProcess.Start(0, 5, "redis-server-not-installed-here", Environment.ProcessId));
        Assert.Contains("Debian package redis-server", e.Message);
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Equal("port", Assert.Throws<ArgumentException>(() => RedisServerProcess.Start(port: 70000)).ParamName);
        Assert.Equal("startTimeoutSeconds", Assert.Throws<ArgumentException>(() => RedisServerProcess.Start(startTimeoutSeconds: 0)).ParamName);
    }

    /// <summary>A stream's consumer group keeps a delivered, unacknowledged entry pending until another consumer claims it.</summary>
    [Fact]
    public async Task PendingEntriesOfADeadConsumerCanBeClaimed()
    {
        using var server = RedisServerProcess.Start();
        using var redis = server.Connect();
        var db = redis.GetDatabase();
        for (var i = 0; i < 5; i++) await db.StreamAddAsync("s", "n", i);
        await db.StreamCreateConsumerGroupAsync("s", "g", "0");
        var a = await db.StreamReadGroupAsync("s", "g", "a", ">", count: 3);
        await db.StreamAcknowledgeAsync("s", "g", a[0].Id);                       // a acknowledges one of three, then "dies"
        var b = await db.StreamReadGroupAsync("s", "g", "b", ">");
        Assert.Equal([3, 4], b.Select(e => (int)e["n"]));                         // new entries only: never a's pending ones
        var pending = await db.StreamPendingAsync("s", "g");
        Assert.Equal(2 + 2, pending.PendingMessageCount);                         // 2 of a's, 2 of b's
        var claimed = await db.StreamAutoClaimAsync("s", "g", "b", 0, "0-0", 10);
        Assert.Equal(4, claimed.ClaimedEntries.Length);                           // min idle 0 takes b's own as well
        Assert.Contains(claimed.ClaimedEntries, e => (int)e["n"] == 1);
    }

    internal static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
    }
}
