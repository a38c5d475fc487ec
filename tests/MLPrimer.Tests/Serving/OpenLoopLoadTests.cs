using MLPrimer.Benchmarks.Baseline;
using MLPrimer.Serving;

namespace MLPrimer.Tests.Serving;

public class OpenLoopLoadTests
{
    [Fact]
    public async Task RequestsFollowTheScheduleAndLatencyCountsFromIt()
    {
        // A server that stalls 400 ms on one request: a closed loop with one worker sends nothing during the stall, the open
        // loop keeps to its schedule, so every request scheduled during the stall waits (latency from its scheduled time).
        int calls = 0;
        using var server = new PredictionServer(x => { if (Interlocked.Increment(ref calls) == 50) Thread.Sleep(400); return x.Select(r => r[0]).ToArray(); }, "v1");
        using var client = LoadGenerator.CreateClient();
        var uri = new Uri(server.BaseAddress, "predict");
        var open = await LoadGenerator.RunOpenLoopAsync(client, uri, i => $$"""{"X": [[{{i}}]]}""", ratePerSecond: 200, requests: 200, keepBodies: true);
        Assert.Equal(200.0, open.OfferedRate);
        Assert.Equal(0, open.Failures);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * 5.0), open.Requests.Select(r => r.StartMs));     // 1000 ms / 200 per second
        Assert.True(open.Elapsed.TotalMilliseconds >= 995, $"the schedule spans 995 ms; took {open.Elapsed.TotalMilliseconds}");
        Assert.All(open.Requests, r => Assert.Contains($"[{r.Index}]", r.Body));
        Assert.All(open.Requests, r => Assert.True(r.LatencyMs > 0));
        // The stalled request itself waits the 400 ms (minus timer slack).
        Assert.True(open.Requests.Max(r => r.LatencyMs) >= 380, $"max {open.Requests.Max(r => r.LatencyMs)}");
        await Assert.ThrowsAsync<ArgumentException>(() => LoadGenerator.RunOpenLoopAsync(client, uri, _ => "", 0, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => LoadGenerator.RunOpenLoopAsync(client, uri, _ => "", 10, 0));
    }
}
