using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter02DataEngineeringTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("02-data-engineering.ipynb").AllText;

    [Fact]
    public void ConvenienceSampleIsBiasedAndRandomSampleIsNot()
    {
        var text = Text;
        var truth = Number(text, @"true mean spend ([\d.]+)");
        var row = Numbers(text, @"\n\s+5000\s+([\d.]+)\s+([\d.]+)\n");
        var row500 = Numbers(text, @"\n\s+500\s+([\d.]+)\s+([\d.]+)\n");
        Assert.True(row[0] - truth > 5, $"convenience mean {row[0]} should overstate the true mean {truth}");
        Assert.True(row500[0] - truth > 5, $"convenience mean at n = 500, {row500[0]}, should overstate the true mean {truth}");
        Assert.InRange((row[0] - truth) / (row500[0] - truth), 0.5, 2.0);   // "about the same margin at n = 5000 as at n = 500"
        Assert.InRange(row[1], truth - 2, truth + 2);                       // the simple random sample converges on the truth
        Assert.True(Math.Abs(row[1] - truth) < Math.Abs(row[0] - truth), "the simple random sample should be closer");
    }

    [Fact]
    public void StratifyingShrinksTheVarianceWithoutBias()
    {
        var text = Text;
        var truth = Number(text, @"true mean spend ([\d.]+)");
        Assert.Contains("stratified sample of 500: 400 free, 76 pro, 24 enterprise", text);   // 80.1%, 15.1%, 4.8% of 500
        var simple = Numbers(text, @"simple\s+([\d.]+)\s+([\d.]+)");
        var stratified = Numbers(text, @"stratified\s+([\d.]+)\s+([\d.]+)");
        Assert.InRange(simple[0], truth - 0.5, truth + 0.5);           // sd of a mean over 2000 runs ≈ 4.3 / √2000 ≈ 0.1
        Assert.InRange(stratified[0], truth - 0.5, truth + 0.5);
        Assert.InRange(Number(text, @"variance ratio simple/stratified: ([\d.]+)"), 3, 20);
        AssertChart(text, "02-stratified-vs-simple.png");
    }

    [Fact]
    public void WeightedSampleIsTiltedAndReweightingUndoesIt()
    {
        var text = Text;
        var truth = Number(text, @"true mean spend ([\d.]+)");
        var shares = Numbers(text, @"free ([\d.]+)%, pro ([\d.]+)%, enterprise ([\d.]+)%");
        Assert.All(shares, s => Assert.InRange(s, 30, 37));
        var n = Numbers(text, @"plain mean of the weighted sample ([\d.]+), reweighted by 1/w ([\d.]+)");
        Assert.True(n[0] > 3 * truth);
        Assert.InRange(n[1], 0.9 * truth, 1.1 * truth);
    }

    [Fact]
    public void ReservoirSamplingIsUniformAndTheShortcutIsNot()
    {
        var text = Text;
        var r = Numbers(text, @"inclusion probability min ([\d.]+), max ([\d.]+), expected k/n = 0.0100; chi-square p = ([\d.]+)");
        Assert.InRange(r[0], 0.007, 0.01);
        Assert.InRange(r[1], 0.01, 0.013);
        Assert.True(r[2] > 0.05, $"chi-square p {r[2]}: the prose says the test finds no departure from uniform");
        var first = Numbers(text, @"first 500 in the final reservoir, on average: Algorithm R ([\d.]+), shortcut ([\d.]+)");
        Assert.InRange(first[0], 4.8, 5.2);                            // 500 · k/n = 5
        Assert.True(first[1] < 0.01);
        Assert.True(Number(text, @"last 20 in the final reservoir, on average:   Algorithm R [\d.]+, shortcut ([\d.]+)") > 5);
        for (var w = 1; w <= 4; w++)
            Assert.InRange(Number(text, $@"weight {w}: chosen ([\d.]+) of the time"), w / 10.0 - 0.01, w / 10.0 + 0.01);
        AssertChart(text, "02-reservoir-inclusion.png");
    }

    [Fact]
    public void AShiftedProposalCutsTheErrorOfARareEventEstimate()
    {
        var text = Text;
        Assert.Contains("exact P(X > 3) = 1.350E-003", text);
        double RelativeSd(int mu) => Numbers(text, $@"N\({mu}, 1\)\s+([\d.]+)E-003\s+[\d.]+E-00\d\s+([\d.]+)")[1];
        double Mean(int mu) => Numbers(text, $@"N\({mu}, 1\)\s+([\d.]+)E-003")[0];
        for (var mu = 1; mu <= 5; mu++) Assert.InRange(Mean(mu), 1.30, 1.40);    // unbiased for every proposal
        Assert.InRange(Mean(0), 1.20, 1.50);                                    // plain sampling too, within ~3 of its standard errors (1.14E-003 / √500)
        Assert.InRange(RelativeSd(0), 0.75, 0.95);                              // "off by about 85% of the answer"
        Assert.InRange(RelativeSd(0) / RelativeSd(3), 10, 20);                  // "cuts the error about fifteenfold"
        Assert.True(RelativeSd(5) > RelativeSd(4) && RelativeSd(4) > RelativeSd(3), "overshooting should cost precision");
        double Ess(int mu) => Number(text, $@"N\({mu}, 1\)\s+\S+\s+\S+\s+\S+\s+([\d.]+)\n");
        Assert.Equal(1000, Ess(0));
        for (var mu = 1; mu <= 5; mu++) Assert.True(Ess(mu) < Ess(mu - 1), $"ESS should fall steadily: μ = {mu}");
        Assert.InRange(Ess(3), 6, 25);                                          // "about a dozen of 1 000 draws"
        AssertChart(text, "02-importance-sampling.png");
    }

    [Fact]
    public void PipelineRejectsTheBadBatchAndIsDeterministic()
    {
        var text = Text;
        Assert.Contains("wine-2024-06-02.csv: batch rejected, 5 problem(s)", text);
        Assert.Contains("row 0: magnesium = 0.127 outside [60, 180]", text);
        Assert.Contains("row 1: magnesium = 0.1 outside [60, 180]", text);
        Assert.Contains("row 2: magnesium = 0.101 outside [60, 180]", text);
        Assert.Contains("row 49: color_intensity = '' is not a number", text);
        Assert.Contains("row 99: label '3' not in {0, 1, 2}", text);
        var runs = System.Text.RegularExpressions.Regex.Matches(text, @"wine-2024-06-01\.csv: registered version (\w+), accuracy ([\d.]+), macro F1 [\d.]+, predictions (\w+)");
        Assert.Equal(2, runs.Count);
        Assert.Equal(runs[0].Value, runs[1].Value);                      // same version, metrics and prediction hash
        Assert.InRange(double.Parse(runs[0].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0.9, 1.0);
        Assert.Contains("models in the registry: 1", text);
        var card = File.ReadAllText(Path.Combine(RepoPaths.Notebooks, "output", "registry", runs[0].Groups[1].Value, "card.txt"));
        Assert.Contains($"predictions {runs[0].Groups[3].Value}", card);
    }

    [Fact]
    public void RequestResponseCallsTheModelServerAndAQueueFreesTheCaller()
    {
        var text = Text;
        Assert.Matches(@"model server: pid \d+, http://127\.0\.0\.1:\d+/", text);
        Assert.Contains("(total 200)", text);
        var rr = Number(text, @"request/response: the app waited (\d+) ms for 200 calls");
        var q = Numbers(text, @"queue: the app spent ([\d.]+) ms publishing; 4 consumers finished after (\d+) ms");
        Assert.True(q[0] < rr / 5, $"publishing took {q[0]} ms against {rr} ms of waiting");
        Assert.True(Number(text, @"the server's scores and the model's own, over both runs: ([\d.]+E[-+]\d+)") < 1e-5);
        Assert.Contains("a request with 1 feature instead of 2: HTTP 400 (application/problem+json); the next call still answers: True", text);
        var pid = (int)Number(text, @"with the server stopped \(pid (\d+)\), the same call fails: HttpRequestException");
        Assert.False(IsRunning(pid, "ModelServer.dll"), $"model server pid {pid} still running after the notebook");
    }

    [Fact]
    public void PubSubCopiesEveryMessageToEverySubscriberAndKeepsNone()
    {
        var text = Text;
        Assert.Contains("subscribers of 'clicks' according to the broker (PUBSUB NUMSUB): 3", text);
        Assert.Contains("PUBLISH reached 3-3 subscribers for each of the first 1000 messages, 4 for the last; 3004 deliveries in all", text);
        foreach (var service in new[] { "feature store", "logger", "monitor" })
            Assert.Matches($@"{service}\s+received  1001 messages, first    0, in publishing order: True", text);
        Assert.Contains("late subscriber  received     1 messages, first 1000, in publishing order: True", text);
    }

    [Fact]
    public void AKilledConsumersEventsAreRedeliveredAndTheIdempotentHandlerAppliesThemOnce()
    {
        var text = Text;
        var events = Numbers(text, @"stream 'click-events': 200 events from (\d+) users, spend ([\d.]+)");
        Assert.InRange(events[0], 15, 20);
        var kills = Regex.Matches(text, @"worker-a \(pid (\d+)\) read 30 events, committed 25, stalled after committing event 25 before XACK; killed: True");
        Assert.Equal(2, kills.Count);
        foreach (Match kill in kills)
            Assert.False(IsRunning(int.Parse(kill.Groups[1].Value), "FeatureWorker.dll"), $"worker process {kill.Groups[1].Value} survived its SIGKILL");
        Assert.Equal(2, Regex.Matches(text, @"pending after the kill: 6 events, held by worker-a \(6\)").Count);
        Assert.Equal(2, Regex.Matches(text, @"worker-b read the new events 31-200 \(170\)").Count);
        Assert.Contains("worker-b claimed worker-a's pending events 25, 26, 27, 28, 29, 30; duplicates skipped: 0", text);   // naive
        Assert.Contains("worker-b claimed worker-a's pending events 25, 26, 27, 28, 29, 30; duplicates skipped: 1", text);   // idempotent
        Assert.Equal(2, Regex.Matches(text, @"pending now: 0; 206 deliveries of 200 events").Count);
        var naive = Numbers(text, @"SQLite holds 201 clicks, spend ([\d.]+) \(the events: 200 clicks, spend ([\d.]+)\)");
        var idempotent = Numbers(text, @"SQLite holds 200 clicks, spend ([\d.]+) \(the events: 200 clicks, spend ([\d.]+)\)");
        Assert.Equal(events[1], idempotent[0]);
        Assert.Equal(events[1], idempotent[1]);
        var extra = Numbers(text, @"naive handler: 1 click\(s\) and ([\d.]+) spend too many \(event 25's amount is ([\d.]+)\); idempotent handler: 0 clicks and 0.00 spend off");
        Assert.Equal(extra[1], extra[0]);
        Assert.Equal(Math.Round(naive[0] - naive[1], 2), extra[1], 2);
        Assert.Contains("events applied per process, from processed_events (journal mode wal): worker-a 25, worker-b 175", text);
    }

    [Fact]
    public void TheBrokerIsGoneAfterTheNotebook()
    {
        var text = Text;
        var broker = Numbers(text, @"broker: redis-server 7\.\d+\.\d+, pid (\d+), listening on 127\.0\.0\.1:(\d+), answers PING: True");
        int pid = (int)broker[0], port = (int)broker[1];
        Assert.Contains($"broker stopped: process {pid} gone, 127.0.0.1:{port} closed", text);
        Assert.False(IsRunning(pid, "redis-server"), $"redis-server pid {pid} still running after the notebook");
        Assert.False(MLPrimer.Messaging.RedisServerProcess.IsListening(port), $"port {port} still accepts connections after the notebook");
    }

    /// <summary>A notebook that starts a broker and then fails leaves no broker behind (the runner's kernel exits, and the broker with it).</summary>
    [Fact]
    public void AFailedCellLeavesNoBrokerRunning()
    {
        var dir = Directory.CreateTempSubdirectory("mlprimer-broker-fail-").FullName;
        try
        {
            var nbDir = Directory.CreateDirectory(Path.Combine(dir, "notebooks")).FullName;
            string[] sources =
            [
                "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: MLPrimer, 0.1.0\"",
                "var broker = MLPrimer.Messaging.RedisServerProcess.Start();\nConsole.WriteLine($\"started pid {broker.ProcessId} port {broker.Port}\");",
                "throw new InvalidOperationException(\"a cell failed while the broker was running\");",
            ];
            var cells = new System.Text.Json.Nodes.JsonArray();
            foreach (var source in sources)
                cells.Add(new System.Text.Json.Nodes.JsonObject
                {
                    ["cell_type"] = "code", ["metadata"] = new System.Text.Json.Nodes.JsonObject(), ["source"] = source,
                    ["outputs"] = new System.Text.Json.Nodes.JsonArray(), ["execution_count"] = null,
                });
            var notebook = new System.Text.Json.Nodes.JsonObject { ["cells"] = cells, ["metadata"] = new System.Text.Json.Nodes.JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
            File.WriteAllText(Path.Combine(nbDir, "fails.ipynb"), notebook.ToJsonString());
            var result = ProcessRunner.Run("dotnet", ["exec", RepoPaths.Runner, "--notebooks", nbDir, "--out", Path.Combine(dir, "out")], dir, 600);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("a cell failed while the broker was running", result.All);
            var started = Numbers(ExecutedNotebook.Load(Path.Combine(dir, "out", "fails.ipynb")).AllText, @"started pid (\d+) port (\d+)");
            Assert.False(IsRunning((int)started[0], "redis-server"), $"redis-server pid {started[0]} outlived the failed notebook");
            Assert.False(MLPrimer.Messaging.RedisServerProcess.IsListening((int)started[1]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>True when process <paramref name="pid"/> exists and its command line mentions <paramref name="name"/> (a reused pid does not count).</summary>
    private static bool IsRunning(int pid, string name)
    {
        var cmdline = Path.Combine("/proc", pid.ToString(), "cmdline");
        try { return File.Exists(cmdline) && File.ReadAllText(cmdline).Contains(name); }
        catch (IOException) { return false; }
    }

    [Fact]
    public void TheDatabaseSharesStateAndTheIndexChangesThePlan()
    {
        var text = Text;
        Assert.Contains("while the feature job's transaction is open, the reader sees 0 rows", text);
        Assert.Contains("rows visible to the reader: 20000 (journal mode wal)", text);
        Assert.Contains("no index:   plan 'SCAN user_features'", text);
        Assert.Contains("with index: plan 'SEARCH user_features USING INDEX ix_user (user_id=?)'", text);
        Assert.Contains("(20000 of 20000 found)", text);
        Assert.True(Number(text, @"speed-up: (\d+)x") > 10, "the prose says more than ten times faster");
    }
}
