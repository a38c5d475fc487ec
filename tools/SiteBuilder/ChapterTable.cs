using System.Text.RegularExpressions;

namespace MLPrimer.Site;

/// <summary>One row of the README's chapter table: the primer section a notebook covers and its one-line summary.</summary>
internal sealed record ChapterEntry(string Notebook, string PrimerSection, string Summary);

/// <summary>Reads the chapter table of README.md, so the site's index says what the README says.</summary>
internal static partial class ChapterTable
{
    // | Primer section | [`NN-name`](notebooks/NN-name.ipynb) — summary; [`MM-other`](...) — summary | ready |
    [GeneratedRegex(@"^\|\s*(?<section>[^|]+?)\s*\|\s*(?<chapters>\[`\d\d-.+?)\s*\|\s*\w+\s*\|\s*$")]
    private static partial Regex Row();

    [GeneratedRegex(@"\[`(?<name>\d\d-[\w-]+)`\]\(notebooks/[\w-]+\.ipynb\)\s*(—\s*(?<summary>.*?))?\s*(?=;\s*\[`|$)")]
    private static partial Regex Chapter();

    public static IReadOnlyDictionary<string, ChapterEntry> Read(string readmePath)
    {
        var entries = new Dictionary<string, ChapterEntry>();
        foreach (var line in File.ReadLines(readmePath))
        {
            var row = Row().Match(line);
            if (!row.Success) continue;
            foreach (Match chapter in Chapter().Matches(row.Groups["chapters"].Value))
            {
                var name = chapter.Groups["name"].Value;
                entries[name] = new ChapterEntry(name, row.Groups["section"].Value.Trim(), StripMarkdown(chapter.Groups["summary"].Value));
            }
        }
        return entries;
    }

    private static string StripMarkdown(string text) => text.Replace("`", "").Replace("*", "").Trim();
}
