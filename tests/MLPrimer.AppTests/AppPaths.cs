namespace MLPrimer.AppTests;

/// <summary>Locations in the repository, found from the test binaries.</summary>
internal static class AppPaths
{
    public static string Root { get; } = FindRoot();
    public static string Notebooks => Path.Combine(Root, "notebooks");
    public static string Apps => Path.Combine(Root, "apps");
    public static string Runner => Path.Combine(Root, "tools", "NotebookRunner", "bin", "Release", "net10.0", "NotebookRunner.dll");

    /// <summary>Every notebook's file name without extension (00-getting-started, ...).</summary>
    public static IEnumerable<string> Chapters() =>
        Directory.GetFiles(Notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> ChapterData() => new(Chapters());

    private static string FindRoot() =>
        MLPrimer.Data.RepositoryRoot.FindAbove(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Repository root (global.json + data/README.md) not found above " + AppContext.BaseDirectory);
}
