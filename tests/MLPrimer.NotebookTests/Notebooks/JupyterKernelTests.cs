using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

/// <summary>Every chapter also runs under real Jupyter (nbconvert) with the pinned dotnet-interactive kernel, by the
/// command the README gives, so the Jupyter route is proven for the whole curriculum, not only for chapter 0.</summary>
/// <remarks>The notebooks run from a copy under artifacts/jupyter/notebooks (inside the repository, so the kernel finds
/// the local tool manifest and the data): files they write into output/ then do not replace those of the runner's pass,
/// which other tests read.</remarks>
[Collection(nameof(NotebookCollection))]
public partial class JupyterKernelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-jupyter-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var name in NotebookNames()) data.Add(name);
        return data;
    }

    /// <summary>The notebooks under notebooks/, or those whose names contain one of MLPRIMER_NOTEBOOKS's filters when it is set.</summary>
    private static List<string> NotebookNames()
    {
        // The same filter as the runner's fixture: several names may be given, separated by commas or spaces.
        var only = (Environment.GetEnvironmentVariable("MLPRIMER_NOTEBOOKS") ?? "")
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)
            .Where(n => only.Length == 0 || only.Any(o => n.Contains(o, StringComparison.Ordinal))).ToList();
    }

    // The README's headless Jupyter line: `cd notebooks && jupyter nbconvert ARGS 00-getting-started.ipynb`.
    [GeneratedRegex(@"`cd notebooks && jupyter nbconvert (?<args>[^`]*?) 00-getting-started\.ipynb`")]
    private static partial Regex ReadmeCommand();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void ExecutesUnderNbconvert(string notebook)
    {
        Assert.True(File.Exists("/usr/bin/jupyter"), "jupyter is missing: scripts/test.sh installs it (Debian package jupyter-nbconvert).");
        var readme = ReadmeCommand().Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")));
        Assert.True(readme.Success, "README.md must give the headless Jupyter command as `cd notebooks && jupyter nbconvert ... 00-getting-started.ipynb`");
        var args = readme.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var outputDir = args.IndexOf("--output-dir");
        Assert.True(outputDir >= 0 && args[outputDir + 1] == "../executed", "the README's command writes to ../executed");
        args[outputDir + 1] = _dir;                                   // the one change: the test's own output folder

        // The kernelspec the notebooks' metadata names (.net-csharp), installed by the README's script; each notebook's
        // kernel gets its own port range (kernels running at the same time must not share one).
        var index = Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList().IndexOf(notebook);
        var ports = $"{2300 + 20 * index}-{2319 + 20 * index}";
        var install = ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "install-jupyter-kernel.sh"), _dir, ports], RepoPaths.Root, 60);
        Assert.True(install.ExitCode == 0, install.All);
        Assert.Contains("--http-local-only", File.ReadAllText(Path.Combine(_dir, "kernels", ".net-csharp", "kernel.json")));

        var copy = Path.Combine(RepoPaths.Root, "artifacts", "jupyter", "notebooks");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(RepoPaths.Notebooks, notebook), Path.Combine(copy, notebook), overwrite: true);
        var result = ProcessRunner.Run("jupyter", ["nbconvert", .. args, notebook], copy, timeoutSeconds: 1800,
            environment: new Dictionary<string, string> { ["JUPYTER_PATH"] = _dir, ["JUPYTER_RUNTIME_DIR"] = Path.Combine(_dir, "runtime") });
        Assert.True(result.ExitCode == 0, $"{notebook} failed under Jupyter{FailingCell(notebook, result.All)}:\n{Tail(result.All)}");

        var executed = ExecutedNotebook.Load(Path.Combine(_dir, notebook));
        Assert.Empty(executed.Errors);
        Assert.All(executed.CodeCells, c => Assert.NotNull(c["execution_count"]));
        if (notebook == "00-getting-started.ipynb")
        {
            Assert.Contains("libtorch 2.10", executed.AllText);
            Assert.Matches(@"slope = (1\.9[6-9]|2\.0[0-4])\d*, intercept = (0\.9[6-9]|1\.0[0-4])\d*", executed.AllText);
        }
    }

    /// <summary>" in code cell K (of N)" when nbconvert's error report quotes a cell of the notebook.</summary>
    private static string FailingCell(string notebook, string output)
    {
        var marker = output.IndexOf("An error occurred while executing the following cell", StringComparison.Ordinal);
        if (marker < 0) return "";
        var report = output[marker..];
        var cells = ((JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, notebook)))!)["cells"]!.AsArray()
            .OfType<JsonObject>().Where(c => (string?)c["cell_type"] == "code")
            .Select(c => string.Concat(c["source"]!.AsArray().Select(l => (string?)l))).ToList();
        for (var i = 0; i < cells.Count; i++)
        {
            var firstLine = cells[i].Split('\n')[0].Trim();
            if (firstLine.Length > 0 && report.Contains(firstLine, StringComparison.Ordinal) && report.Contains(cells[i].Trim()[..Math.Min(200, cells[i].Trim().Length)], StringComparison.Ordinal))
                return $" in code cell {i + 1} (of {cells.Count})";
        }
        return "";
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
