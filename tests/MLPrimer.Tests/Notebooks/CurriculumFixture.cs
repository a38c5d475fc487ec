namespace MLPrimer.Tests.Notebooks;

/// <summary>Executes every notebook once with the runner (the README's main command uses the same runner).</summary>
public sealed class CurriculumFixture : IDisposable
{
    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("mlprimer-executed-").FullName;
    public ProcessRunner.Result Run { get; }

    public CurriculumFixture()
    {
        Run = ProcessRunner.Run("dotnet", ["exec", RepoPaths.Runner, "--notebooks", RepoPaths.Notebooks, "--out", OutputDirectory],
            RepoPaths.Root, timeoutSeconds: 3600);
    }

    internal ExecutedNotebook Load(string fileName) => ExecutedNotebook.Load(Path.Combine(OutputDirectory, fileName));

    public void Dispose() => Directory.Delete(OutputDirectory, recursive: true);
}

[CollectionDefinition(nameof(NotebookCollection), DisableParallelization = true)]
public class NotebookCollection : ICollectionFixture<CurriculumFixture>;
