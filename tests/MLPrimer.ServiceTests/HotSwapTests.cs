using System.Net;
using System.Text;
using System.Text.Json;
using MLPrimer.Serving;

namespace MLPrimer.ServiceTests;

/// <summary>Hot swap, rollback, canary and shadow under load: no request fails, and every answer matches the version that served it.</summary>
public sealed class HotSwapTests : IDisposable
{
    private readonly TestRegistry _registry = new(withNaNModel: true);
    private readonly string _dir = Directory.CreateTempSubdirectory("modelserver-logs-").FullName;

    public void Dispose()
    {
        _registry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static float[] Row(int i) => [(i % 11) - 5, i % 3, 1, 2];        // x0 from -5 to 5: v1 and v2 disagree unless x0 = 0

    private static StringContent Body(float[] row) => new(JsonSerializer.Serialize(new { features = new[] { row } }), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> PostJson(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends <paramref name="requests"/> one-row requests from <paramref name="workers"/> workers; <paramref name="during"/> runs with the count of answers so far.</summary>
    private static async Task<(int Failed, List<(int Index, string Version, double Score, double Propensity)> Answers)> Load(
        HttpClient client, int workers, int requests, Func<Func<int>, Task> during)
    {
        int next = -1, answered = 0, failed = 0;
        var answers = new List<(int, string, double, double)>();
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                try
                {
                    using var response = await client.PostAsync("predict", Body(Row(i)));
                    if (response.StatusCode != HttpStatusCode.OK) { Interlocked.Increment(ref failed); continue; }
                    var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    lock (answers) answers.Add((i, json.GetProperty("model_version").GetString()!, json.GetProperty("scores")[0].GetDouble(), json.GetProperty("propensity").GetDouble()));
                }
                catch (HttpRequestException) { Interlocked.Increment(ref failed); }
                finally { Interlocked.Increment(ref answered); }
            }
        }
        var load = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker)));
        await during(() => Volatile.Read(ref answered));
        await load;
        return (failed, answers);
    }

    private static async Task WaitFor(Func<int> answered, int count)
    {
        while (answered() < count) await Task.Delay(2);
    }

    [Fact]
    public async Task ReloadAndRollbackUnderLoadFailNothing()
    {
        using var server = ModelServerProcess.Start(_registry.Root, "--version", "v1");
        var client = server.Client;
        var (failed, answers) = await Load(client, workers: 16, requests: 2400, async answered =>
        {
            await WaitFor(answered, 600);
            Assert.Equal("v2", (await PostJson(client, "admin/reload", """{"version": "v2"}""")).GetProperty("model_version").GetString());
            await WaitFor(answered, 1200);
            Assert.Equal("v1", (await PostJson(client, "admin/rollback", "")).GetProperty("model_version").GetString());
            await WaitFor(answered, 1800);
            Assert.Equal("v2", (await PostJson(client, "admin/reload", """{"version": "v2"}""")).GetProperty("model_version").GetString());
        });
        Assert.Equal(0, failed);
        Assert.Equal(2400, answers.Count);
        Assert.All(answers, a => Assert.Equal(TestRegistry.Score(a.Version, Row(a.Index)), a.Score, 1e-6));
        Assert.True(answers.Count(a => a.Version == "v1") >= 600 && answers.Count(a => a.Version == "v2") >= 600, "both versions served a share");
        // Rollback with nothing left to roll back to: 409 with a problem body.
        await PostJson(client, "admin/rollback", "");
        using var conflict = await client.PostAsync("admin/rollback", null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        await BadInputTests.AssertProblem(conflict, 409, "no earlier version");
        using var unknown = await client.PostAsync("admin/reload", new StringContent("""{"version": "v9"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await BadInputTests.AssertProblem(unknown, 404, "v9 is not registered");
    }

    [Fact]
    public async Task ReloadWithoutAVersionServesTheNewest()
    {
        using var server = ModelServerProcess.Start(_registry.Root);
        var reloaded = await PostJson(server.Client, "admin/reload", "");
        Assert.Equal("v3", reloaded.GetProperty("model_version").GetString());
        Assert.Equal("v1", reloaded.GetProperty("previous").GetString());
        // v3 answers NaN: a model error is a 500 problem that names no internals, and the server goes on.
        using var response = await server.Client.PostAsync("predict", Body(Row(1)));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await BadInputTests.AssertProblem(response, 500, "could not score");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("health")).StatusCode);
    }

    [Fact]
    public async Task ACanarySplitsTrafficWithItsPropensity()
    {
        using var server = ModelServerProcess.Start(_registry.Root, "--version", "v1", "--canary-seed", "7");
        await PostJson(server.Client, "admin/canary", """{"version": "v2", "percent": 20}""");
        var (failed, answers) = await Load(server.Client, workers: 8, requests: 1000, _ => Task.CompletedTask);
        Assert.Equal(0, failed);
        int canary = answers.Count(a => a.Version == "v2");
        Assert.InRange(canary, 140, 260);                                         // binomial(1000, 0.2): mean 200, sd 12.6
        Assert.All(answers, a => Assert.Equal(a.Version == "v2" ? 0.2 : 0.8, a.Propensity, 1e-12));
        Assert.All(answers, a => Assert.Equal(TestRegistry.Score(a.Version, Row(a.Index)), a.Score, 1e-6));
        await PostJson(server.Client, "admin/canary", """{"version": null, "percent": 0}""");
        var after = await PostJson(server.Client, "predict", """{"features": [[1, 0, 0, 0]]}""");
        Assert.Equal("v1", after.GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task AFailingCanaryIsRolledBackAutomatically()
    {
        using var server = ModelServerProcess.Start(_registry.Root, "--version", "v1", "--canary-min-requests", "10");
        await PostJson(server.Client, "admin/canary", """{"version": "v3", "percent": 50}""");
        int failures = 0;
        for (int i = 0; i < 200; i++)
        {
            using var response = await server.Client.PostAsync("predict", Body(Row(i)));
            if (!response.IsSuccessStatusCode) failures++;
        }
        // The rule: more than 5% errors over the canary's last requests (at least 10) ends it; after that only v1 answers.
        Assert.InRange(failures, 10, 10);
        var status = JsonDocument.Parse(await server.Client.GetStringAsync("admin/status")).RootElement;
        Assert.Equal(JsonValueKind.Null, status.GetProperty("canary").ValueKind);
        Assert.Contains("modelserver_canary_rollbacks_total{version=\"v3\",reason=\"error_rate\"} 1", await server.Client.GetStringAsync("metrics"));
    }

    [Fact]
    public async Task AShadowSeesEveryRequestAndIsNeverReturned()
    {
        string log = Path.Combine(_dir, "shadow.jsonl");
        var server = ModelServerProcess.Start(_registry.Root, "--version", "v1", "--shadow-log", log);
        int disagreeing;
        try
        {
            await PostJson(server.Client, "admin/shadow", """{"version": "v2"}""");
            var (failed, answers) = await Load(server.Client, workers: 4, requests: 300, _ => Task.CompletedTask);
            Assert.Equal(0, failed);
            Assert.All(answers, a => Assert.Equal("v1", a.Version));
            disagreeing = answers.Count(a => Row(a.Index)[0] != 0);
            // The shadow runs off the hot path: wait until it has caught up.
            for (int k = 0; k < 200 && !(await server.Client.GetStringAsync("metrics")).Contains("modelserver_shadow_requests_total{version=\"v2\"} 300"); k++) await Task.Delay(50);
            Assert.Contains($"modelserver_shadow_disagreements_total{{version=\"v2\"}} {disagreeing}", await server.Client.GetStringAsync("metrics"));
        }
        finally { server.Dispose(); }                                             // graceful stop flushes the log
        var lines = File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(300, lines.Length);
        Assert.Equal(disagreeing, lines.Count(l => l.GetProperty("champion")[0].GetInt32() != l.GetProperty("challenger")[0].GetInt32()));
        Assert.All(lines, l => Assert.Equal("v2", l.GetProperty("challenger_version").GetString()));
    }
}
