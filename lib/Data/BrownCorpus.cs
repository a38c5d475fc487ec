namespace MLPrimer.Data;

/// <summary>The Brown corpus (1961 American English, 500 texts): lower-cased, untagged, one sentence per line in data/brown.txt.gz.</summary>
public static class BrownCorpus
{
    /// <summary>File name of the corpus inside the data folder.</summary>
    public const string FileName = "brown.txt.gz";

    /// <summary>Full path of the corpus file in the data folder.</summary>
    public static string Path => DataPaths.File(FileName);

    /// <summary>Streams the sentences as token arrays, reading the file lazily on each enumeration.</summary>
    public static IEnumerable<string[]> Sentences(string? path = null)
    {
        var file = DataFile.PathOrDefault(path, FileName, nameof(path));
        return Read(file);
    }

    private static IEnumerable<string[]> Read(string file)
    {
        using var reader = DataFile.OpenText(file);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length > 0)
                yield return line.Split(' ');
        }
    }
}
