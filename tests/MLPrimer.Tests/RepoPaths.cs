namespace MLPrimer.Tests;

/// <summary>Locations in the repository, found from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Notebooks => Path.Combine(Root, "notebooks");
    public static string Runner => Path.Combine(Root, "tools", "NotebookRunner", "bin", "Release", "net10.0", "NotebookRunner.dll");
    public static string SiteBuilder => Path.Combine(Root, "tools", "SiteBuilder", "bin", "Release", "net10.0", "SiteBuilder.dll");

    private static string FindRoot() =>
        MLPrimer.Data.RepositoryRoot.FindAbove(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Repository root (global.json + data/README.md) not found above " + AppContext.BaseDirectory);
}
