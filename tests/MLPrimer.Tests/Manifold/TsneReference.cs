using System.Text.Json.Nodes;

namespace MLPrimer.Tests.Manifold;

/// <summary>Reads reference/tsne-reference.json, made by reference/make_tsne_reference.py with scikit-learn.</summary>
internal static class TsneReference
{
    private static readonly Lazy<JsonObject> Root = new(() => (JsonObject)JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifold", "reference", "tsne-reference.json")))!);

    public static JsonObject Get(string name) => (JsonObject)Root.Value[name]!;

    public static JsonArray Cases(string name) => (JsonArray)Root.Value[name]!;

    public static float[][] Floats(JsonNode node) =>
        node.AsArray().Select(r => r!.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray()).ToArray();

    public static double[][] Doubles(JsonNode node) =>
        node.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
}
