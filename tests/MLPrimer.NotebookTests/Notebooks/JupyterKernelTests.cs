namespace MLPrimer.Tests.Notebooks;

/// <summary>Chapter 0 also runs under real Jupyter (nbconvert) with the pinned dotnet-interactive kernel.</summary>
[Collection(nameof(NotebookCollection))]
public class JupyterKernelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-jupyter-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void GettingStartedExecutesUnderNbconvert()
    {
        const string nbconvert = "/usr/bin/jupyter-nbconvert";
        Assert.True(File.Exists(nbconvert), "jupyter-nbconvert is missing: scripts/test.sh installs it (Debian package jupyter-nbconvert).");

        // The kernelspec Jupyter looks up by the notebooks' metadata name (.net-csharp), installed by the README's script.
        var install = ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "install-jupyter-kernel.sh"), _dir, "2200-2299"], RepoPaths.Root, 60);
        Assert.True(install.ExitCode == 0, install.All);
        Assert.Contains("--http-local-only", File.ReadAllText(Path.Combine(_dir, "kernels", ".net-csharp", "kernel.json")));

        var result = ProcessRunner.Run(nbconvert,
            ["--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=900", "--output-dir", _dir, "00-getting-started.ipynb"],
            RepoPaths.Notebooks, timeoutSeconds: 1200,
            environment: new Dictionary<string, string> { ["JUPYTER_PATH"] = _dir, ["JUPYTER_RUNTIME_DIR"] = Path.Combine(_dir, "runtime") });
        Assert.True(result.ExitCode == 0, "nbconvert failed:\n" + result.All);

        var executed = ExecutedNotebook.Load(Path.Combine(_dir, "00-getting-started.ipynb"));
        Assert.Empty(executed.Errors);
        Assert.All(executed.CodeCells, c => Assert.NotNull(c["execution_count"]));
        Assert.Contains("libtorch 2.10", executed.AllText);
        Assert.Matches(@"slope = (1\.9[6-9]|2\.0[0-4])\d*, intercept = (0\.9[6-9]|1\.0[0-4])\d*", executed.AllText);
    }
}
