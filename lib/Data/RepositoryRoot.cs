namespace MLPrimer.Data;

/// <summary>
/// The one repository-root lookup: the nearest folder at or above a start that holds both <c>global.json</c> and
/// <c>data/README.md</c>. <see cref="DataPaths"/>, the chart folder and the tests use it.
/// </summary>
internal static class RepositoryRoot
{
    /// <summary>True when <paramref name="directory"/> is the repository's root folder.</summary>
    internal static bool IsRoot(string directory) =>
        File.Exists(Path.Combine(directory, "global.json")) &&
        File.Exists(Path.Combine(directory, "data", "README.md"));

    /// <summary>The root at or above <paramref name="start"/>, or null when no parent qualifies.</summary>
    internal static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (IsRoot(dir.FullName)) return dir.FullName;
        return null;
    }
}
