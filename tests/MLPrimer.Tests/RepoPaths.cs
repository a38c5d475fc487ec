namespace MLPrimer.Tests;

/// <summary>Locations in the repository, found from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Notebooks => Path.Combine(Root, "notebooks");
    public static string Runner => Path.Combine(Root, "tools", "NotebookRunner", "bin", "Release", "net10.0", "NotebookRunner.dll");

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "global.json")) && Directory.Exists(Path.Combine(d.FullName, "notebooks")))
                return d.FullName;
        throw new InvalidOperationException("Repository root (global.json + notebooks/) not found above " + AppContext.BaseDirectory);
    }
}
