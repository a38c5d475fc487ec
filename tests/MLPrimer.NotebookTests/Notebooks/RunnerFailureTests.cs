using System.Text.Json.Nodes;

namespace MLPrimer.Tests.Notebooks;

/// <summary>The runner stops a notebook at its first failing cell and says where and why.</summary>
public class RunnerFailureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ProcessRunner.Result RunNotebook(string name, params (string Type, string Source)[] cells)
    {
        var nbDir = Directory.CreateDirectory(Path.Combine(_dir, "notebooks")).FullName;
        var array = new JsonArray();
        foreach (var (type, source) in cells)
        {
            var cell = new JsonObject { ["cell_type"] = type, ["metadata"] = new JsonObject(), ["source"] = source };
            if (type == "code") { cell["outputs"] = new JsonArray(); cell["execution_count"] = null; }
            array.Add(cell);
        }
        var notebook = new JsonObject { ["cells"] = array, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
        File.WriteAllText(Path.Combine(nbDir, name), notebook.ToJsonString());
        return ProcessRunner.Run("dotnet", ["exec", RepoPaths.Runner, "--notebooks", nbDir, "--out", Path.Combine(_dir, "out")], _dir, 300);
    }

    [Fact]
    public void CompileErrorNamesNotebookCellAndDiagnosticAndLaterCellsDoNotRun()
    {
        var result = RunNotebook("broken.ipynb",
            ("markdown", "# A broken notebook"),
            ("code", "Console.WriteLine(\"first cell ran\");"),
            ("code", "var y = undefinedName + 1;"),
            ("code", "System.IO.File.WriteAllText(\"after-failure.txt\", \"should not exist\");"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.ipynb", result.All);
        Assert.Contains("cell 3", result.All); // the markdown cell counts: the failing code is the third cell
        Assert.Contains("CS0103", result.All);
        Assert.Contains("undefinedName", result.All);
        Assert.False(File.Exists(Path.Combine(_dir, "notebooks", "after-failure.txt")));

        var executed = ExecutedNotebook.Load(Path.Combine(_dir, "out", "broken.ipynb"));
        Assert.Contains("first cell ran", executed.AllText);
        Assert.Single(executed.Errors);
    }

    [Fact]
    public void RuntimeExceptionIsReportedWithItsMessage()
    {
        var result = RunNotebook("throws.ipynb",
            ("code", "throw new InvalidOperationException(\"the model diverged\");"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("throws.ipynb, cell 1", result.All);
        Assert.Contains("the model diverged", result.All);
    }

    [Fact]
    public void NotebookRunsWithItsOwnFolderAsWorkingDirectory()
    {
        var result = RunNotebook("cwd.ipynb",
            ("code", "System.IO.File.WriteAllText(\"written-here.txt\", System.IO.Directory.GetCurrentDirectory());"));
        Assert.True(result.ExitCode == 0, result.All);
        var written = File.ReadAllText(Path.Combine(_dir, "notebooks", "written-here.txt"));
        Assert.Equal(Path.Combine(_dir, "notebooks"), written);
    }

    [Fact]
    public void APrometheusStartedByAFailedNotebookDoesNotOutliveIt()
    {
        // The worst case: Prometheus started without a using block, then a later cell fails and the runner stops the
        // notebook. The kernel process exits, and PrometheusProcess' exit hook kills what it started.
        var result = RunNotebook("leaves-prometheus.ipynb",
            ("code", "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: MLPrimer, 0.1.0\""),
            ("code", "var prometheus = MLPrimer.Monitoring.PrometheusProcess.Start([new Uri(\"http://127.0.0.1:9/metrics\")]);\nConsole.WriteLine($\"prometheus pid {prometheus.ProcessId}\");"),
            ("code", "throw new InvalidOperationException(\"a failing cell\");"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("a failing cell", result.All);
        var text = ExecutedNotebook.Load(Path.Combine(_dir, "out", "leaves-prometheus.ipynb")).AllText;
        var pid = (int)NotebookText.Number(text, @"prometheus pid (\d+)");
        Assert.False(ProcessCheck.IsRunning(pid, "prometheus"), $"prometheus (pid {pid}) outlived the failed notebook");
    }

    [Fact]
    public void UnknownNotebookNameIsABadArgument()
    {
        var result = RunNotebook("a.ipynb", ("code", "1"));
        Assert.Equal(0, result.ExitCode);
        var again = ProcessRunner.Run("dotnet", ["exec", RepoPaths.Runner, "--notebooks", Path.Combine(_dir, "notebooks"), "no-such-chapter"], _dir, 120);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("no-such-chapter", again.Stderr);
    }
}
