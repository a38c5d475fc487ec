using System.Text.Json;
using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter27DeploymentTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("27-deployment.ipynb").AllText;

    [Fact]
    public void TheModelsLearnAndCarryTheirPreprocessing()
    {
        var n = Numbers(Text, @"test accuracy: v1 \(logistic\) ([\d.]+), v2 \(32 hidden units\) ([\d.]+)");
        Assert.All(n, a => Assert.InRange(a, 0.9, 1.0));
        Assert.Contains("saved state: net.0.weight, net.0.bias, net.2.weight, net.2.bias, mean, std", Text);
    }

    [Fact]
    public void TheEndpointAnswersAndRejectsBadRequests()
    {
        var text = Text;
        Assert.Matches(@"POST /predict with 3 rows -> 200 \{""y"":\[[01],[01],[01]\],""version"":""v1""\}", text);
        Assert.Contains(@"POST /predict without X   -> 400 {""error"":", text);
        var fiveHundred = Regex.Match(text, @"POST /predict, 2 features -> 500 (.*)").Groups[1].Value;
        Assert.Contains("must match the size of tensor b (30)", fiveHundred);
        Assert.DoesNotContain("frame #", fiveHundred);          // no native stack trace leaks to the client
    }

    [Fact]
    public void ThroughputSaturatesWhileTheTailGrows()
    {
        var text = Text;
        var rows = Regex.Matches(text, @"\n +(\d+) +(\d+) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+) +(\d+) +([\d.]+)(?=\n)")
            .Select(m => m.Groups.Cast<Group>().Skip(1).Select(g => double.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 32, 64], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(0, r[6]));                                    // no failed request
        Assert.All(rows, r => Assert.True(r[3] <= r[4] && r[4] <= r[5], "p50 <= p95 <= p99"));
        Assert.True(rows[^1][5] > 3 * rows[0][5], $"p99 at 64 clients {rows[^1][5]} vs 1 client {rows[0][5]}");
        Assert.True(rows[^1][1] >= rows[0][1], "throughput at 64 clients should not fall below 1 client's");
        // Little's law in a closed loop: mean latency = clients / throughput.
        Assert.All(rows, r => Assert.InRange(r[7] / r[2], 0.8, 1.25));
        AssertChart(text, "27-throughput-latency.png");
    }

    [Fact]
    public void DynamicBatchingTradesLatencyForThroughput()
    {
        var text = Text;
        var n = Numbers(text, @"batching 64 vs 1 under heavy load: ([\d.]+)x the rows per second; waiting 5 ms under light load: p50 ([\d.]+) ms vs ([\d.]+) ms");
        Assert.True(n[0] > 2, $"speed-up {n[0]}");
        Assert.True(n[1] > n[2] + 1, $"waiting should add latency: {n[1]} vs {n[2]}");
        var heavyMeanBatch = Number(text, @"\n +64 +1 +([\d.]+) +\d+");
        Assert.InRange(heavyMeanBatch, 16, 64);
        Assert.Equal(3, Regex.Matches(text, @"\n +64 +[015] +1\.0 ").Count);       // light load: single-row batches
    }

    [Fact]
    public void BatchingBehindHttpServesMoreRequests()
    {
        var plain = Numbers(Text, @"HTTP, 64 clients, plain: +([\d.]+) req/s, p50 [\d.]+ ms, p99 [\d.]+ ms, failed (\d+)");
        var batched = Numbers(Text, @"HTTP, 64 clients, batched: +([\d.]+) req/s, p50 [\d.]+ ms, p99 [\d.]+ ms, failed (\d+); mean batch ([\d.]+) rows");
        Assert.Equal(0, plain[1]);
        Assert.Equal(0, batched[1]);
        Assert.InRange(batched[2], 2, 64);
        // Which server answers more requests per second is printed, not asserted: a timing, not a property.
    }

    [Fact]
    public void HotSwapDropsNothingWhileARestartDropsRequests()
    {
        var text = Text;
        Assert.Contains("GET /health: status ok, version v1", text);
        var n = Numbers(text, @"hot swap: failed requests (\d+) of 3000; answered by v1 (\d+), by v2 (\d+); answers that disagree with their version's model: (\d+)");
        Assert.Equal(0, n[0]);
        Assert.Equal(0, n[3]);
        Assert.Equal(3000, n[1] + n[2]);
        Assert.True(n[1] > 0 && n[2] > 0);
        Assert.True(Number(text, @"restart: failed requests (\d+) of 3000") > 0);
    }

    [Fact]
    public void TheLogAndTheCountersAgree()
    {
        var text = Text;
        var n = Numbers(text, @"(\d+) log lines from the first server; its requests_total (\d+), errors_total (\d+)");
        Assert.Equal(n[0], n[1]);
        Assert.Equal(2, n[2]);
        Assert.Matches(@"/predict\s+400\s+v1\s+1\s", text);
        Assert.Matches(@"/predict\s+500\s+v1\s+1\s", text);
        // The log file itself: one JSON object per line, with the fields the prose names.
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Notebooks, "output", "27-requests.jsonl"));
        Assert.Equal((int)n[0], lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(["time", "method", "path", "status", "rows", "version", "latency_ms"], first.EnumerateObject().Select(p => p.Name));
        Assert.InRange(Number(text, @"requests with server-side latency ≤ 1 ms: ([\d.]+)%"), 50, 100);
        AssertChart(text, "27-latency-histogram.png");
    }

    [Fact]
    public void TheRegistryRollsBackABadModel()
    {
        var text = Text;
        Assert.InRange(Number(text, @"production v3 \(32 hidden units, labels from a faulty join\): accuracy on labelled traffic ([\d.]+)"), 0, 0.75);
        Assert.Contains("production v2 (32 hidden units): accuracy on labelled traffic 0.9", text);
        Assert.Matches(@"history \[1, 2, 3\]\s+production v2 \(32 hidden units\): accuracy on labelled traffic [\d.]+; history \[1, 2\]", text);
        Assert.Contains("after rollback production is v2; its reloaded predictions equal the in-memory v2's: True", text);
        Assert.Contains("files in v2's folder: meta.json, model.bin", text);
        var registry = new MLPrimer.Serving.ModelRegistry(Path.Combine(RepoPaths.Notebooks, "output", "27-registry"));
        Assert.Equal([1, 2], registry.History());
        Assert.All(registry.Versions(), v => Assert.True(registry.Verify(v.Version)));
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
        double httpBatch = Number(text, @"HTTP, 2,000 rows in one request\s+([\d.]+)");
        Assert.True(batch < row && row < http, $"{batch} < {row} < {http}");
        Assert.True(httpBatch < http, $"{httpBatch} < {http}");
        Assert.Contains("servers stopped; the restarted server answered", text);
        Assert.Matches(@"answered \d+ requests with 0 errors", text);
    }
}
