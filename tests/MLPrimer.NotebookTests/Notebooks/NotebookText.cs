using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

/// <summary>Pulls printed numbers out of an executed notebook's text.</summary>
internal static class NotebookText
{
    /// <summary>The groups of the first match of <paramref name="pattern"/>, parsed as numbers; fails the test when absent.</summary>
    public static double[] Numbers(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"Output does not contain /{pattern}/");
        return match.Groups.Cast<Group>().Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
    }

    public static double Number(string text, string pattern) => Numbers(text, pattern)[0];

    /// <summary>Asserts the chart was reported as saved and exists under img/.</summary>
    public static void AssertChart(string text, string name)
    {
        Assert.Contains($"chart saved to img/{name}", text);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", name)), $"img/{name} not written");
    }
}
