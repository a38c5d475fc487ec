using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MLPrimer.Benchmarks.Baseline;
using MLPrimer.Serving;

namespace MLPrimer.Tests.Serving;

public class PredictionServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-server-").FullName;
    private readonly HttpClient _client = LoadGenerator.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    // Model under test: y = sum of the row.
    private static float[] RowSums(float[][] x) => x.Select(r => r.Sum()).ToArray();

    private async Task<(HttpStatusCode, JsonElement)> Post(PredictionServer server, string json)
    {
        using var response = await _client.PostAsync(new Uri(server.BaseAddress, "predict"), new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task PredictRoundTripsOverLoopback()
    {
        using var server = new PredictionServer(RowSums, "v1");
        var (status, body) = await Post(server, """{"X": [[1, 2, 3], [0.5, 0.25, 0]]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([6f, 0.75f], body.GetProperty("y").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal("v1", body.GetProperty("version").GetString());
        var health = JsonDocument.Parse(await _client.GetStringAsync(new Uri(server.BaseAddress, "health"))).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task BadRequestsGetErrorsAndAreCounted()
    {
        using var server = new PredictionServer((Func<float[][], float[]>)(_ => throw new InvalidOperationException("model broke")), "v1");
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(server, """{"rows": []}""")).Item1);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(server, """{"X": [[1, 2], [3]]}""")).Item1);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(server, "not json")).Item1);
        var (status, body) = await Post(server, """{"X": [[1]]}""");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("model broke", body.GetProperty("error").GetString());
        using var missing = await _client.GetAsync(new Uri(server.BaseAddress, "nothing"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(5, server.Metrics.Requests);
        Assert.Equal(5, server.Metrics.Errors);
        var metrics = await _client.GetStringAsync(new Uri(server.BaseAddress, "metrics"));
        Assert.Contains("errors_total 5", metrics);
        Assert.Contains("latency_ms_bucket{le=\"+Inf\"} 5", metrics);   // cumulative: the last bucket holds every earlier request
    }

    [Fact]
    public async Task HotSwapUnderLoadDropsNothingAndLogsEveryRequest()
    {
        string logPath = Path.Combine(_dir, "requests.jsonl");
        var server = new PredictionServer(x => x.Select(_ => 1f).ToArray(), "v1", logPath: logPath);
        var load = LoadGenerator.RunAsync(_client, new Uri(server.BaseAddress, "predict"), i => $$"""{"X": [[{{i}}]]}""",
                                          concurrency: 8, requests: 400, keepBodies: true);
        while (server.Metrics.Requests < 100) await Task.Delay(1);
        server.SwapModel(x => x.Select(_ => 2f).ToArray(), "v2");
        var result = await load;
        server.Dispose();
        Assert.Equal(0, result.Failures);
        // Every answer is consistent: v1 answers 1, v2 answers 2.
        var answers = result.Requests.Select(r => JsonDocument.Parse(r.Body!).RootElement)
            .Select(e => (Version: e.GetProperty("version").GetString(), Y: e.GetProperty("y")[0].GetSingle())).ToArray();
        Assert.All(answers, a => Assert.Equal(a.Version == "v1" ? 1f : 2f, a.Y));
        Assert.Contains(answers, a => a.Version == "v1");
        Assert.Contains(answers, a => a.Version == "v2");
        var log = PredictionServer.ReadLog(logPath);
        Assert.Equal(400, log.Count);
        Assert.All(log, e => Assert.Equal((200, "/predict", 1), (e.Status, e.Path, e.Rows)));
        Assert.Equal(answers.Count(a => a.Version == "v2"), log.Count(e => e.Version == "v2"));
        Assert.Equal(400, server.Metrics.LatencyBuckets().Sum());
    }

    [Fact]
    public async Task ServerBehindABatcherAnswersEveryRow()
    {
        using var batcher = new DynamicBatcher<float[], float>(rows => RowSums(rows.ToArray()), 16, TimeSpan.FromMilliseconds(1));
        using var server = new PredictionServer(async x => await Task.WhenAll(x.Select(batcher.SubmitAsync)), "batched");
        var result = await LoadGenerator.RunAsync(_client, new Uri(server.BaseAddress, "predict"), i => $$"""{"X": [[{{i}}, 1]]}""",
                                                  concurrency: 16, requests: 200, keepBodies: true);
        Assert.Equal(0, result.Failures);
        Assert.All(result.Requests, r => Assert.Equal(r.Index + 1f, JsonDocument.Parse(r.Body!).RootElement.GetProperty("y")[0].GetSingle()));
        Assert.Equal(200, batcher.Batches * batcher.MeanBatchSize, 6);
    }

    [Fact]
    public async Task BadArgumentsAreRejectedAndDisposeIsIdempotent()
    {
        Assert.Throws<ArgumentException>(() => new PredictionServer(RowSums, "v1", port: 70000));
        Assert.Throws<ArgumentException>(() => new PredictionServer(RowSums, "v1", port: -1));
        Assert.Throws<ArgumentException>(() => new PredictionServer(RowSums, " "));
        var server = new PredictionServer(RowSums, "v1");
        Assert.Throws<ArgumentException>(() => server.SwapModel(RowSums, ""));
        server.Dispose();
        server.Dispose();
        await Assert.ThrowsAsync<ArgumentException>(() => LoadGenerator.RunAsync(_client, server.BaseAddress, _ => "", 0, 1));
        Assert.Throws<ArgumentException>(() => LoadGenerator.CreateClient(0));
    }

    [Fact]
    public async Task DisposeAnswersAnInterruptedRequestWith503NotAnEmpty200()
    {
        // A request still running when the drain time is up must not look like a success to the load generator.
        var release = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new PredictionServer(_ => { called.TrySetResult(); return release.Task; }, "v1", 0, null, null, TimeSpan.FromMilliseconds(200));
        var answer = _client.PostAsync(new Uri(server.BaseAddress, "predict"), new StringContent("""{"X": [[1]]}""", Encoding.UTF8, "application/json"));
        await called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        server.Dispose();
        release.SetResult([1f]);
        using var response = await answer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("stopping", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APortTakenBetweenPickAndBindIsReplacedByAnother()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        int taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var picks = new Queue<int>([taken, taken]);
        using var server = new PredictionServer(x => Task.FromResult(RowSums(x)), "v1", 0, null, () => picks.TryDequeue(out var p) ? p : PredictionServer.FreePort(), null);
        Assert.NotEqual(taken, server.Port);
        Assert.Empty(picks);
        Assert.Equal(HttpStatusCode.OK, (await Post(server, """{"X": [[1, 2]]}""")).Item1);
    }
}
