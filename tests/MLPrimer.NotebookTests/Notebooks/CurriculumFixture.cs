namespace MLPrimer.Tests.Notebooks;

/// <summary>Executes every notebook once with the runner (the README's main command uses the same runner).</summary>
/// <remarks>For work on one chapter, MLPRIMER_NOTEBOOKS=NN limits the run to the notebooks whose name contains NN (or any of several, comma-separated).</remarks>
public sealed class CurriculumFixture : IDisposable
{
    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("mlprimer-executed-").FullName;
    public ProcessRunner.Result Run { get; }

    public CurriculumFixture()
    {
        string[] arguments = ["exec", RepoPaths.Runner, "--notebooks", RepoPaths.Notebooks, "--out", OutputDirectory];
        var only = Environment.GetEnvironmentVariable("MLPRIMER_NOTEBOOKS");
        // Several filters may be given, separated by commas or spaces (MLPRIMER_NOTEBOOKS="03,05"); each is one runner argument.
        Run = ProcessRunner.Run("dotnet", string.IsNullOrWhiteSpace(only)
                ? arguments
                : [.. arguments, .. only.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            RepoPaths.Root, timeoutSeconds: 3600);
    }

    internal ExecutedNotebook Load(string fileName) => ExecutedNotebook.Load(Path.Combine(OutputDirectory, fileName));

    public void Dispose() => Directory.Delete(OutputDirectory, recursive: true);
}

[CollectionDefinition(nameof(NotebookCollection), DisableParallelization = true)]
public class NotebookCollection : ICollectionFixture<CurriculumFixture>;
