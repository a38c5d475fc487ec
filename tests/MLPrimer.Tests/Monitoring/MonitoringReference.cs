using System.Text.Json.Nodes;

namespace MLPrimer.Tests.Monitoring;

/// <summary>Reads reference/monitoring-reference.json (made by reference/make_monitoring_reference.py with scipy and scikit-learn).</summary>
internal static class MonitoringReference
{
    private static readonly Lazy<JsonObject> Root = new(() => (JsonObject)JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Monitoring", "reference", "monitoring-reference.json")))!);

    public static JsonNode Get(string name) => Root.Value[name]!;

    public static double[] Doubles(JsonNode node) => node.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    public static IEnumerable<object[]> TwoSampleCases => Enumerable.Range(0, Get("two_sample").AsArray().Count).Select(i => new object[] { i });

    public static IEnumerable<object[]> ContingencyCases => Enumerable.Range(0, Get("contingency").AsArray().Count).Select(i => new object[] { i });
}
