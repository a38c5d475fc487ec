using System.Globalization;
using System.Text.Json.Nodes;
using MLPrimer.Data;

namespace MLPrimer.Tests.Exploration;

/// <summary>Reads reference/statistics-reference.json (made by reference/make_statistics_reference.py with numpy and scipy).</summary>
internal static class StatisticsReference
{
    private static readonly Lazy<JsonObject> Root = new(() => (JsonObject)JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Exploration", "reference", "statistics-reference.json")))!);

    public static JsonNode Get(string name) => Root.Value[name]!;

    public static IEnumerable<JsonObject> Columns => Root.Value["columns"]!.AsArray().Cast<JsonObject>();

    public static double[] Doubles(JsonNode node) => node.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    /// <summary>The column's values parsed as doubles straight from the CSV (as numpy read them), or the hand-made vector.</summary>
    public static double[] Values(JsonObject column)
    {
        var dataset = (string)column["dataset"]!;
        if (dataset == "hand") return [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
        var lines = File.ReadAllLines(DataPaths.File(dataset + ".csv"));
        var index = Array.IndexOf(lines[0].Split(','), (string)column["name"]!);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => double.Parse(l.Split(',')[index], CultureInfo.InvariantCulture)).ToArray();
    }
}
