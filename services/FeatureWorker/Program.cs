// A feature worker: one member of a Redis consumer group. For each click event it reads (XREADGROUP ... >), it
// updates the user's features in SQLite in one transaction and then acknowledges the event (XACK). It prints one
// line per step so that whoever started it can follow it, and it exits after --exit-when-idle-ms without new events.
//
// --stall-after N makes it stop for good after committing its N-th event and before acknowledging it: the window in
// which a crash leaves an event applied but still pending. Chapter 02 kills the process there (SIGKILL).
using MLPrimer.Messaging;
using StackExchange.Redis;

var options = WorkerOptions.Parse(args);
if (options.ParentPid > 0)                                         // exit when whoever started us is gone (a crashed kernel)
    _ = Task.Run(async () =>
    {
        while (Directory.Exists($"/proc/{options.ParentPid}") || !OperatingSystem.IsLinux()) await Task.Delay(500);
        Console.WriteLine($"parent {options.ParentPid} is gone, exiting");
        Environment.Exit(2);
    });
using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);
var db = redis.GetDatabase();
using var store = new UserFeatureStore(options.Database, options.Idempotent);
Console.WriteLine($"ready: consumer {options.Consumer} of group {options.Group} on stream {options.Stream}, idempotent {options.Idempotent}");

var handled = 0;
var idle = System.Diagnostics.Stopwatch.StartNew();
while (idle.ElapsedMilliseconds < options.ExitWhenIdleMs)
{
    var entries = await db.StreamReadGroupAsync(options.Stream, options.Group, options.Consumer, ">", count: options.Batch);
    if (entries.Length == 0) { await Task.Delay(20); continue; }
    idle.Restart();
    Console.WriteLine($"read {entries.Length}: {entries[0].Id} .. {entries[^1].Id}");
    foreach (var e in entries)
    {
        var applied = store.Apply(e.Id!, (long)e["user"], (double)e["amount"], options.Consumer);
        handled++;
        Console.WriteLine($"{(applied ? "applied" : "duplicate")} {e.Id}");
        if (handled == options.StallAfter)
        {
            Console.WriteLine($"stalled after committing {e.Id}, before XACK");
            await Task.Delay(Timeout.Infinite);
        }
        await db.StreamAcknowledgeAsync(options.Stream, options.Group, e.Id);
    }
}
Console.WriteLine($"idle: handled {handled} events, exiting");

internal sealed record WorkerOptions(string Redis, string Stream, string Group, string Consumer, string Database,
    bool Idempotent, int StallAfter, int Batch, int ExitWhenIdleMs, int ParentPid)
{
    public static WorkerOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--")) throw new ArgumentException($"unexpected argument '{args[i]}'", nameof(args));
            map[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
        }
        string Need(string key) => map.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required", nameof(args));
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v) : fallback;
        return new WorkerOptions(Need("redis"), Need("stream"), Need("group"), Need("consumer"), Need("db"),
            !map.ContainsKey("naive"), Int("stall-after", 0), Int("batch", 10), Int("exit-when-idle-ms", 2000), Int("parent-pid", 0));
    }
}
