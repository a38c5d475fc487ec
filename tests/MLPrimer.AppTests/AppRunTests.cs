using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MLPrimer.AppTests;

/// <summary>A declared subset of the apps runs to the end and prints what its notebook prints.</summary>
/// <remarks>
/// Running all 30 apps would take about half an hour on two busy cores, on top of the notebook tests, so the
/// suite runs a subset of fast chapters that together use every kind of output and package: ScottPlot and XPlot
/// charts, TorchSharp (tensors and autograd), ML.NET (with LightGBM), DataFrame display, and types declared between cells.
/// Each app is compared with its notebook executed by the runner in the same test: every line the notebook writes to
/// the console, timings aside, must appear in the app's output in the same order. scripts/run-apps.sh runs all apps.
/// </remarks>
public partial class AppRunTests
{
    /// <summary>The apps the test suite runs (the README names them too).</summary>
    public static readonly string[] Subset = ["00-getting-started", "04-mean-encoding", "14-exploratory-data-analysis"];

    public static TheoryData<string> SubsetData() => new(Subset);

    private const int TimeoutSeconds = 900;

    [Theory]
    [MemberData(nameof(SubsetData))]
    public void The_app_runs_and_prints_what_the_notebook_prints(string chapter)
    {
        var outDir = Directory.CreateTempSubdirectory("mlprimer-app-reference-").FullName;
        try
        {
            var notebook = Run("dotnet", ["exec", AppPaths.Runner, "--notebooks", AppPaths.Notebooks, "--out", outDir, chapter]);
            Assert.True(notebook.ExitCode == 0, $"the runner failed on notebooks/{chapter}.ipynb:\n{notebook.Output}");
            var app = Run("dotnet", ["run", $"apps/{chapter}.cs"]);
            Assert.True(app.ExitCode == 0, $"'dotnet run apps/{chapter}.cs' exited with {app.ExitCode}:\n{Tail(app.Output)}");

            var expected = ConsoleLines(Path.Combine(outDir, chapter + ".ipynb")).Where(l => !Varies(l)).ToList();
            Assert.True(expected.Count >= 5, $"notebooks/{chapter}.ipynb printed only {expected.Count} comparable lines: choose another chapter for the subset");
            var actual = app.Output.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToList();
            var at = 0;
            foreach (var line in expected)
            {
                var found = actual.IndexOf(line, at);
                Assert.True(found >= 0, $"apps/{chapter}.cs did not print (in order) the notebook's line\n  {line}\nApp output:\n{Tail(app.Output)}");
                at = found + 1;
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    // What the notebook wrote to the console (stream outputs), line by line.
    private static IEnumerable<string> ConsoleLines(string executedNotebook)
    {
        var root = JsonNode.Parse(File.ReadAllText(executedNotebook))!;
        foreach (var cell in root["cells"]!.AsArray())
            foreach (var output in cell!["outputs"]?.AsArray() ?? [])
            {
                if ((string?)output!["output_type"] != "stream" || (string?)output["name"] != "stdout") continue;
                var text = output["text"] is JsonArray parts ? string.Concat(parts.Select(p => (string?)p)) : (string?)output["text"] ?? "";
                foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
                    if (line.Trim().Length > 0) yield return line.TrimEnd();
            }
    }

    // Lines that hold a duration or a rate differ from run to run.
    private static bool Varies(string line) => TimingPattern().IsMatch(line);

    [GeneratedRegex(@"\d\s*(ns|µs|us|ms|s|sec|seconds|min)\b|/\s*s\b|per second|took|elapsed|throughput", RegexOptions.IgnoreCase)]
    private static partial Regex TimingPattern();

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];

    private sealed record Result(int ExitCode, string Output);

    // Runs a process from the repository root, its output and errors together; kills the whole tree on timeout.
    private static Result Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = AppPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.Append(e.Data).Append('\n'); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.Append(e.Data).Append('\n'); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(TimeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {TimeoutSeconds} s:\n{Tail(output.ToString())}");
        }
        p.WaitForExit();
        lock (output) return new Result(p.ExitCode, output.ToString());
    }
}
