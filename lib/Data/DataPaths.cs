namespace MLPrimer.Data;

/// <summary>Locates the repository's <c>data/</c> folder and the files inside it.</summary>
public static class DataPaths
{
    /// <summary>Environment variable that, when set, names the data folder directly.</summary>
    public const string EnvironmentVariable = "MLPRIMER_DATA";

    /// <summary>The data folder: <see cref="EnvironmentVariable"/> if set, else found by walking up from the current directory and then from this assembly's folder.</summary>
    public static string DataDirectory =>
        Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable), SearchStarts());

    /// <summary>Full path of <paramref name="fileName"/> inside the data folder; throws <see cref="FileNotFoundException"/> if it is missing.</summary>
    public static string File(string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
            throw new ArgumentException("A data file name is required.", nameof(fileName));
        var path = Path.Combine(DataDirectory, fileName);
        if (!System.IO.File.Exists(path))
            throw new FileNotFoundException(
                $"Data file '{fileName}' is not in {Path.GetDirectoryName(path)}; run data/make-data.sh to rebuild the data folder.",
                path);
        return path;
    }

    internal static IEnumerable<string> SearchStarts()
    {
        yield return Directory.GetCurrentDirectory();
        var location = typeof(DataPaths).Assembly.Location;
        yield return string.IsNullOrEmpty(location) ? AppContext.BaseDirectory : Path.GetDirectoryName(location)!;
    }

    internal static string Resolve(string? overridePath, IEnumerable<string> starts)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            var full = Path.GetFullPath(overridePath);
            if (!Directory.Exists(full))
                throw new DirectoryNotFoundException(
                    $"{EnvironmentVariable} is set to '{overridePath}', but that folder does not exist.");
            return full;
        }

        var tried = new List<string>();
        foreach (var start in starts.Select(Path.GetFullPath).Distinct())
        {
            if (RepositoryRoot.FindAbove(start) is string root)
                return Path.Combine(root, "data");
            tried.Add(start);
        }

        throw new DirectoryNotFoundException(
            "Could not find the ML Primer data folder: no parent of " + string.Join(" or ", tried.Select(t => $"'{t}'")) +
            " holds both data/README.md and global.json. " +
            $"Run from inside the repository, or set {EnvironmentVariable} to the data folder.");
    }
}
