namespace MLPrimer.Data;

/// <summary>The SpamAssassin public mail corpus (6046 messages, 1896 spam) from data/spam-assassin.tsv.gz.</summary>
public static class SpamAssassin
{
    /// <summary>File name of the corpus inside the data folder.</summary>
    public const string FileName = "spam-assassin.tsv.gz";

    /// <summary>Full path of the corpus file in the data folder.</summary>
    public static string Path => DataPaths.File(FileName);

    private const string Header = "label\tgroup\tid\tsubject\tbody";

    /// <summary>Reads every message, in the source package's order.</summary>
    public static IReadOnlyList<SpamAssassinMessage> Load(string? path = null)
    {
        var file = DataFile.PathOrDefault(path, FileName, nameof(path));
        using var reader = DataFile.OpenText(file);
        if (reader.ReadLine() != Header)
            throw new InvalidDataException($"{file}: expected the header '{Header.Replace("\t", "\\t")}'.");

        var messages = new List<SpamAssassinMessage>(6046);
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            var cells = line.Split('\t');
            if (cells.Length != 5)
                throw new InvalidDataException($"{file}:{lineNumber}: {cells.Length} fields, expected 5.");
            var isSpam = cells[0] switch
            {
                "spam" => true,
                "ham" => false,
                _ => throw new InvalidDataException($"{file}:{lineNumber}: unknown label '{cells[0]}'."),
            };
            try
            {
                messages.Add(new SpamAssassinMessage(
                    cells[2], cells[1], isSpam, TsvText.Unescape(cells[3]), TsvText.Unescape(cells[4])));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{file}:{lineNumber}: {e.Message}", e);
            }
        }
        return messages;
    }
}
