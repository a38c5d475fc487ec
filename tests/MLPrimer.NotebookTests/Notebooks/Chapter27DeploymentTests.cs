using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter27DeploymentTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("27-deployment.ipynb").AllText;

    private static double[][] Rows(string text, string pattern) =>
        Regex.Matches(text, pattern).Select(m => m.Groups.Cast<Group>().Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Fact]
    public void TheModelsLearnCarryTheirPreprocessingAndAreRegistered()
    {
        var n = Numbers(Text, @"test accuracy: v1 \(logistic\) ([\d.]+), v2 \(32 hidden units\) ([\d.]+)");
        Assert.All(n, a => Assert.InRange(a, 0.9, 1.0));
        Assert.Contains("saved state: net.0.weight, net.0.bias, net.2.weight, net.2.bias, mean, std", Text);
        Assert.Contains("registered v1 and v2 (format=torchsharp-tabular, features=30, hidden=32); production: v1", Text);
    }

    [Fact]
    public void TheServiceAnswersAndRejectsBadRequestsAtTheEdge()
    {
        var text = Text;
        Assert.Matches(@"server process \d+ on http://127\.0\.0\.1:\d+/; GET /ready -> \{""status"":""ready"",""model_version"":""v1"",""runtime"":""torchsharp""\}", text);
        var answer = Regex.Match(text, @"POST /predict with 3 rows -> 200 (\{.*\})   \(true labels (\d), (\d), (\d)\)");
        Assert.True(answer.Success);
        var json = JsonDocument.Parse(answer.Groups[1].Value).RootElement;
        Assert.Equal("v1", json.GetProperty("model_version").GetString());
        var scores = json.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var labels = json.GetProperty("predictions").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(scores.Select(s => s > 0.5 ? 1 : 0), labels);                 // labels follow the scores
        Assert.Equal(Enumerable.Range(2, 3).Select(g => int.Parse(answer.Groups[g].Value)), labels);   // and match the truth here
        Assert.Contains(@"POST /predict without features -> 400 application/problem+json: the field ""features"" is missing", text);
        Assert.Contains("POST /predict, 2 features      -> 400 application/problem+json: each row needs 30 features; got 2.", text);
        Assert.Contains("POST /predict, a NaN           -> 400 application/problem+json: the body is not valid JSON", text);
        Assert.Contains(@"GET /health -> {""status"":""ok""}", text);
    }

    [Fact]
    public void ClosedLoopThroughputSaturatesWhileTheTailGrows()
    {
        var text = Text;
        var rows = Rows(text, @"\n +(\d+) +(\d+) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+) +(\d+) +([\d.]+)(?=\n)");
        Assert.Equal([1, 2, 4, 8, 16, 32, 64], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(0, r[6]));                                    // no failed request
        Assert.All(rows, r => Assert.True(r[3] <= r[4] && r[4] <= r[5], "p50 <= p95 <= p99"));
        Assert.True(rows.Skip(3).Max(r => r[1]) > rows[0][1], "more clients reach a higher throughput than one");
        Assert.True(rows[^1][2] > rows[0][2], $"mean latency at 64 clients {rows[^1][2]} vs 1 client {rows[0][2]}");
        // Little's law in a closed loop: mean latency = clients / throughput.
        Assert.All(rows, r => Assert.InRange(r[7] / r[2], 0.8, 1.6));           // C/X also holds the client's own time between requests
        AssertChart(text, "27-throughput-latency.png");
    }

    [Fact]
    public void OpenLoopShowsOverloadAndCoordinatedOmission()
    {
        var text = Text;
        var open = Rows(text, @"\n +(\d+) +(\d+) +([\d.]+) +([\d.]+) +(\d+) +(\d+)(?=\n)");
        Assert.Equal(4, open.Length);
        double peak = Number(text, @"peak throughput (\d+) req/s");
        Assert.Equal([0.25, 0.5, 1, 3], open.Select(r => Math.Round(r[0] / peak, 2)));
        Assert.All(open, r => Assert.Equal(0, r[5]));
        Assert.True(open[3][1] < 0.9 * open[3][0], $"at 3x the peak the server answers fewer than offered: {open[3][1]} of {open[3][0]}");
        Assert.True(open[3][3] > 100 && open[3][3] > open[0][3], $"p99 under overload {open[3][3]} ms vs {open[0][3]} ms at a quarter");

        var closed = Numbers(text, @"closed loop, 1 client : 2500 requests, p50 ([\d.]+) ms, p99 ([\d.]+) ms, max (\d+) ms; requests that waited over 100 ms: (\d+)");
        var stalled = Numbers(text, @"open loop, 400 req/s  : 1600 requests, p50 ([\d.]+) ms, p99 ([\d.]+) ms, max (\d+) ms; requests that waited over 100 ms: (\d+)");
        Assert.True(closed[2] >= 450 && stalled[2] >= 450, "both runs saw the 500 ms freeze");
        Assert.InRange(closed[3], 1, 5);                  // the closed loop: only the few requests in flight
        Assert.True(stalled[3] >= 100, $"open loop: {stalled[3]} requests waited");   // 400/s over the first 400 ms of the freeze ≈ 160
        Assert.True(stalled[1] > 3 * closed[1], $"open-loop p99 {stalled[1]} vs closed-loop p99 {closed[1]}");
    }

    [Fact]
    public void DynamicBatchingTradesLatencyForThroughput()
    {
        var text = Text;
        var n = Numbers(text, @"batching 64 vs 1 under heavy load: ([\d.]+)x the rows per second; waiting 5 ms under light load: p50 ([\d.]+) ms vs ([\d.]+) ms");
        Assert.True(n[0] > 2, $"speed-up {n[0]}");
        Assert.True(n[1] >= 5 && n[1] > n[2] + 1, $"waiting should add at least T = 5 ms: {n[1]} vs {n[2]}");
        var heavyMeanBatch = Number(text, @"\n +64 +1 +([\d.]+) +\d+");
        Assert.InRange(heavyMeanBatch, 16, 64);
        Assert.Equal(3, Regex.Matches(text, @"\n +64 +[015] +1\.0 ").Count);       // light load: single-row batches
    }

    [Fact]
    public void TheServerBatchesWhenAskedTo()
    {
        var off = Numbers(Text, @"HTTP, 64 clients, batching off: +([\d.]+) req/s, p50 [\d.]+ ms, p99 [\d.]+ ms, failed (\d+); mean batch ([\d.]+) rows");
        var on = Numbers(Text, @"HTTP, 64 clients, batching on : +([\d.]+) req/s, p50 [\d.]+ ms, p99 [\d.]+ ms, failed (\d+); mean batch ([\d.]+) rows");
        Assert.Equal(0, off[1]);
        Assert.Equal(0, on[1]);
        Assert.Equal(1.0, off[2]);
        Assert.InRange(on[2], 1.5, 64);
        // Which server answers more requests per second is printed, not asserted: a timing, not a property.
    }

    [Fact]
    public void HotSwapDropsNothingWhileARestartDropsRequests()
    {
        var text = Text;
        Assert.Contains(@"POST /admin/reload -> 200 {""model_version"":""v2"",""previous"":""v1""}", text);
        var n = Numbers(text, @"hot swap: failed requests (\d+) of 3000; answered by v1 (\d+), by v2 (\d+); answers that disagree with their version's model: (\d+)");
        Assert.Equal(0, n[0]);
        Assert.Equal(0, n[3]);
        Assert.Equal(3000, n[1] + n[2]);
        Assert.True(n[1] > 0 && n[2] > 0);
        var restart = Numbers(text, @"restart: failed requests (\d+) of 3000 \(hot swap: 0\); stop-to-ready gap (\d+) ms; the new process answered (\d+) of them");
        Assert.True(restart[0] > 0);
        Assert.True(restart[1] > 0);
    }

    [Fact]
    public void TheLogAndTheCountersAgree()
    {
        var text = Text;
        var n = Numbers(text, @"(\d+) log lines from the first server; its /predict requests_total (\d+), of them errors (\d+)");
        Assert.Equal(n[0], n[1]);
        Assert.Equal(3, n[2]);
        Assert.Matches(@"modelserver_requests_total\{endpoint=""/predict"",status=""400""\} 3\n", text);
        Assert.Matches(@"\n +400 +- +2 ", text);
        Assert.Matches(@"\n +400 +v1 +1 ", text);
        // The log file itself: one JSON object per line, with the fields the prose names.
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Notebooks, "output", "27-requests.jsonl"));
        Assert.True(lines.Length >= (int)n[0]);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(["time", "request_id", "status", "rows", "version", "latency_ms"], first.EnumerateObject().Select(p => p.Name));
        Assert.InRange(Number(text, @"requests with server-side latency ≤ 0.8 ms: ([\d.]+)%"), 50, 100);
        AssertChart(text, "27-latency-histogram.png");
    }

    [Fact]
    public void TheRegistryRollsBackABadModel()
    {
        var text = Text;
        Assert.InRange(Number(text, @"deploy v3: production v3 \(32 hidden units, labels from a faulty join\): accuracy on labelled traffic ([\d.]+)"), 0, 0.75);
        Assert.Matches(@"before: production v2 \(32 hidden units\): accuracy on labelled traffic 0\.9\d+; history \[1, 2\]", text);
        Assert.Matches(@"history \[1, 2, 3\]\s+rollback: production v2 \(32 hidden units\): accuracy on labelled traffic 0\.9\d+; history \[1, 2\]", text);
        Assert.Contains(@"POST /admin/rollback -> 200 {""model_version"":""v2"",""previous"":""v3""}", text);
        Assert.Contains("after rollback production is v2; the server's scores equal the in-memory v2's within 1e-5: True", text);
        Assert.Contains("files in v2's folder: meta.json, model.bin", text);
        var registry = new MLPrimer.Serving.ModelRegistry(Path.Combine(RepoPaths.Notebooks, "output", "27-registry"));
        Assert.Equal([1, 2], registry.History());
        Assert.Equal(4, registry.Versions().Count);
        Assert.All(registry.Versions(), v => Assert.True(registry.Verify(v.Version)));
    }

    [Fact]
    public void OnnxRuntimeServesTheExportedModelFaithfully()
    {
        var text = Text;
        Assert.Matches(@"v4: [\d,]+ bytes of ONNX; GET /ready -> \{""status"":""ready"",""model_version"":""v4"",""runtime"":""onnxruntime""\}", text);
        var n = Numbers(text, @"served by v4: accuracy ([\d.]+); largest difference from ML.NET's probabilities ([\d.E+-]+) \(tolerance 1e-5\)");
        Assert.InRange(n[0], 0.9, 1.0);
        Assert.True(n[1] <= 1e-5, $"difference {n[1]}");
        Assert.Contains(@"rolled back: GET /ready -> {""status"":""ready"",""model_version"":""v2"",""runtime"":""torchsharp""}", text);
    }

    [Fact]
    public void BatchAndStreamingFeaturesAgreeAndHandWrittenOnesDoNot()
    {
        var text = Text;
        Assert.Contains("30,000 events of 300 users; batch and streaming features differ on 0 events", text);
        var running = Numbers(text, @"running-sum online version: differs on [\d,]+ events, by at most ([\d.E+-]+)");
        Assert.True(running[0] < 1e-9, $"running-sum drift {running[0]} should be rounding only");
        Assert.Matches(@"running-sum online version: differs on [1-9][\d,]* events", text);
        Assert.Matches(@"off-by-one online version:  differs on 29,\d{3} events", text);
    }

    [Fact]
    public void BatchPredictionIsCheaperPerExample()
    {
        var text = Text;
        double batch = Number(text, @"batch: one model call, 20,000 rows\s+([\d.]+)");
        double row = Number(text, @"online in-process: one call per row\s+([\d.]+)");
        double http = Number(text, @"online over HTTP: one row a request\s+([\d.]+)");
        double httpBatch = Number(text, @"HTTP, 2,000 rows in one request\s+([\d.]+)   \(status 200\)");
        Assert.True(batch < row && row < http, $"{batch} < {row} < {http}");
        Assert.True(httpBatch < http, $"{httpBatch} < {http}");
    }

    [Fact]
    public void NothingIsLeftRunning()
    {
        var text = Text;
        Assert.Matches(@"servers stopped: processes \d+, \d+, \d+ running: 0; ports \d+ and \d+ open: False", text);
        // Checked again now, after the notebook's kernel has gone: none of the server processes it printed is alive.
        var pids = Regex.Match(text, @"servers stopped: processes (\d+), (\d+), (\d+)").Groups.Cast<Group>().Skip(1).Select(g => int.Parse(g.Value));
        Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("ModelServer.dll"), $"process {pid} still runs"));
    }
}
