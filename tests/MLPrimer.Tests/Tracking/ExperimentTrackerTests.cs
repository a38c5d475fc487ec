using System.Diagnostics;
using MLPrimer.Tracking;

namespace MLPrimer.Tests.Tracking;

public class ExperimentTrackerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-tracking-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly CodeVersion Code = new("0123456789abcdef0123456789abcdef01234567", false);

    [Fact]
    public void ARunRoundTripsThroughTheStore()
    {
        var data = Path.Combine(_dir, "data.txt");
        File.WriteAllText(data, "abc");
        long id;
        using (var tracker = ExperimentTracker.Open(Path.Combine(_dir, "store")))
        using (var run = tracker.StartRun("lm", "baseline", new Dictionary<string, object?> { ["lr"] = 0.1, ["epochs"] = 3, ["optimizer"] = "adam", ["nesterov"] = true },
                   dataFiles: [data], code: Code))
        {
            id = run.Id;
            for (var step = 0; step < 5; step++)
                run.LogMetrics(new Dictionary<string, double> { ["loss"] = 1.0 / (step + 1), ["lr"] = 0.1 }, step);
            run.LogText("notes/summary.txt", "fine");
        }

        // A fresh connection sees everything.
        using var reopened = ExperimentTracker.Open(Path.Combine(_dir, "store"));
        var info = Assert.Single(reopened.Runs());
        Assert.Equal((id, "lm", "baseline", RunStatus.Finished), (info.Id, info.Experiment, info.Name, info.Status));
        Assert.NotNull(info.EndedUtc);
        Assert.Equal(Code, info.Code);
        Assert.Equal(new Dictionary<string, string> { ["epochs"] = "3", ["lr"] = "0.1", ["nesterov"] = "true", ["optimizer"] = "adam" }, info.Params);
        // sha256("abc"), the FIPS 180-2 test vector.
        var version = Assert.Single(info.Data);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", version.Sha256);
        Assert.Equal(3, version.Bytes);
        var artifact = Assert.Single(info.Artifacts);
        Assert.Equal("notes/summary.txt", artifact.Name);
        Assert.Equal("fine", File.ReadAllText(artifact.Path));
        Assert.Equal(new[] { "loss", "lr" }, reopened.MetricKeys(id));
        Assert.Equal(Enumerable.Range(0, 5).Select(s => new MetricPoint(s, 1.0 / (s + 1))), reopened.Metric(id, "loss"));
        Assert.Empty(reopened.Runs("other experiment"));
    }

    [Fact]
    public void CompareAndQueryAnswerAcrossRuns()
    {
        using var tracker = ExperimentTracker.Open(_dir);
        foreach (var lr in new[] { 0.1, 0.01 })
        {
            using var run = tracker.StartRun("sweep", $"lr={lr}", new Dictionary<string, object?> { ["lr"] = lr }, code: Code);
            run.LogMetric("loss", 2.0, 0);
            run.LogMetric("loss", lr * 10, 1);
        }
        var table = tracker.Compare(tracker.Runs("sweep").Select(r => r.Id), "loss", "missing");
        Assert.Equal(new[] { "run", "name", "status", "lr", "loss", "missing" }, table.Columns.Select(c => c.Name));
        Assert.Equal(new object[] { 1.0, 0.1 }, new[] { table["loss"][0], table["loss"][1] });
        Assert.Null(table["missing"][0]);
        var best = tracker.Query("SELECT r.name, MIN(m.value) AS best FROM metrics m JOIN runs r ON r.id = m.run_id GROUP BY r.id ORDER BY best");
        Assert.Equal("lr=0.01", best["name"][0]);
        Assert.Equal(0.1, (double)best["best"][0]!, 12);
    }

    [Fact]
    public void ParametersAreFixedButMetricStepsCanBeRelogged()
    {
        using var tracker = ExperimentTracker.Open(_dir);
        using var run = tracker.StartRun("x", code: Code);
        Assert.Equal("run-1", run.Name);
        run.LogParam("seed", 1);
        run.LogParam("seed", 1); // same value: fine
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => run.LogParam("seed", 2)).ParamName);
        run.LogMetric("loss", 5, 3);
        run.LogMetric("loss", 4, 3);
        run.LogMetric("loss", double.NaN, 4);
        var series = tracker.Metric(run.Id, "loss");
        Assert.Equal(new MetricPoint(3, 4), series[0]);
        Assert.True(double.IsNaN(series[1].Value));
    }

    [Fact]
    public void AnEndedRunCanBeResumed()
    {
        using var tracker = ExperimentTracker.Open(_dir);
        var run = tracker.StartRun("x", code: Code);
        run.LogMetric("loss", 1, 0);
        run.End(RunStatus.Failed);
        Assert.Throws<InvalidOperationException>(() => run.LogMetric("loss", 1, 1));
        Assert.Equal(RunStatus.Failed, tracker.Run(run.Id).Status);
        using (var resumed = tracker.ResumeRun(run.Id))
        {
            Assert.Equal(RunStatus.Running, tracker.Run(run.Id).Status);
            resumed.LogMetric("loss", 0.5, 1);
        }
        Assert.Equal(RunStatus.Finished, tracker.Run(run.Id).Status);
        Assert.Equal(2, tracker.Metric(run.Id, "loss").Count);
    }

    [Fact]
    public void ArtifactsAreCopiedAndHashed()
    {
        var source = Path.Combine(_dir, "chart.png");
        File.WriteAllBytes(source, [1, 2, 3]);
        using var tracker = ExperimentTracker.Open(Path.Combine(_dir, "store"));
        using var run = tracker.StartRun("x", code: Code);
        var artifact = run.LogArtifact(source);
        Assert.Equal(Path.Combine(tracker.ArtifactsDirectory, "1", "chart.png"), artifact.Path);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(artifact.Path));
        Assert.Equal(FileHash.Sha256(source), artifact.Sha256);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => run.LogText("../escape.txt", "no")).ParamName);
        Assert.Equal("sourcePath", Assert.Throws<ArgumentException>(() => run.LogArtifact(Path.Combine(_dir, "missing"))).ParamName);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var tracker = ExperimentTracker.Open(_dir);
        Assert.Equal("experiment", Assert.Throws<ArgumentException>(() => tracker.StartRun(" ")).ParamName);
        Assert.Equal("dataFiles", Assert.Throws<ArgumentException>(() => tracker.StartRun("x", dataFiles: [Path.Combine(_dir, "nope")])).ParamName);
        Assert.Equal("runId", Assert.Throws<ArgumentException>(() => tracker.Run(42)).ParamName);
        using var run = tracker.StartRun("x", code: Code);
        Assert.Equal("step", Assert.Throws<ArgumentException>(() => run.LogMetric("loss", 1, -1)).ParamName);
        Assert.Equal("directory", Assert.Throws<ArgumentException>(() => ExperimentTracker.Open("")).ParamName);
    }

    [Fact]
    public void CodeVersionComesFromGit()
    {
        Assert.Equal(CodeVersion.Unknown, CodeVersion.FromGit(_dir)); // not a repository
        if (!GitAvailable()) return;
        var repo = Directory.CreateDirectory(Path.Combine(_dir, "repo")).FullName;
        Git(repo, "init -q");
        File.WriteAllText(Path.Combine(repo, "train.py"), "v1");
        Git(repo, "add train.py");
        Git(repo, "-c user.name=t -c user.email=t@example.com commit -q -m v1");
        var head = Git(repo, "rev-parse HEAD");
        Assert.Equal(new CodeVersion(head, false), CodeVersion.FromGit(repo));
        File.WriteAllText(Path.Combine(repo, "train.py"), "v2");
        Assert.Equal(new CodeVersion(head, true), CodeVersion.FromGit(repo));
    }

    private static bool GitAvailable()
    {
        try { return Git(Path.GetTempPath(), "--version").StartsWith("git version"); }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private static string Git(string dir, string args)
    {
        using var p = Process.Start(new ProcessStartInfo("git", args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output.Trim();
    }

    [Fact]
    public void QueryIsReadOnly()
    {
        using var tracker = ExperimentTracker.Open(_dir);
        using (tracker.StartRun("e", "kept", code: Code)) { }
        // Before the fix Query ran on the read-write connection and this DELETE emptied the store.
        var e = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => tracker.Query("DELETE FROM runs"));
        Assert.Contains("readonly", e.Message.Replace("-", "").Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
        Assert.Single(tracker.Runs());
    }

    [Fact]
    public void ListingRunsCostsAFixedNumberOfQueries()
    {
        using var tracker = ExperimentTracker.Open(_dir);
        for (var i = 0; i < 20; i++)
            using (var run = tracker.StartRun("e", $"r{i}", new Dictionary<string, object?> { ["i"] = i }, code: Code))
                run.LogText("a.txt", "x");
        var before = tracker.CommandsIssued;
        var runs = tracker.Runs("e");
        // Before the fix: 1 + 4 per run = 81 queries for 20 runs.
        Assert.Equal(4, tracker.CommandsIssued - before);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"r{i}"), runs.Select(r => r.Name));
        Assert.All(runs, r => Assert.Equal(r.Name[1..], r.Params["i"]));
        Assert.All(runs, r => Assert.Equal("a.txt", Assert.Single(r.Artifacts).Name));
        Assert.Equal(runs.Select(r => r.ToString()), runs.Select(r => tracker.Run(r.Id).ToString()));
    }

    [Fact]
    public void AFileThatIsNotADatabaseFailsWithItsPathAndLeaksNoDescriptor()
    {
        var store = Path.Combine(_dir, "corrupt");
        Directory.CreateDirectory(store);
        File.WriteAllText(Path.Combine(store, "tracking.db"), new string('x', 8192));
        int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;
        var e = Assert.Throws<InvalidDataException>(() => ExperimentTracker.Open(store));
        Assert.Contains(Path.Combine(store, "tracking.db"), e.Message);
        var before = OpenDescriptors();
        for (var i = 0; i < 50; i++)
            Assert.Throws<InvalidDataException>(() => ExperimentTracker.Open(store));
        // Before the fix each failed open kept its SQLite connection (one descriptor) open: 50 more.
        Assert.InRange(OpenDescriptors() - before, -5, 5);
    }
}
