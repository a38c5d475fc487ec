using System.Text.Json.Nodes;

namespace MLPrimer.Tests.Notebooks;

/// <summary>An executed notebook's outputs, read back for assertions.</summary>
internal sealed class ExecutedNotebook(string path, JsonObject root)
{
    public string Path { get; } = path;

    public static ExecutedNotebook Load(string path) => new(path, (JsonObject)JsonNode.Parse(File.ReadAllText(path))!);

    public IEnumerable<JsonObject> CodeCells => root["cells"]!.AsArray().OfType<JsonObject>().Where(c => (string?)c["cell_type"] == "code");

    public IEnumerable<JsonObject> Outputs => CodeCells.SelectMany(c => c["outputs"]?.AsArray().OfType<JsonObject>() ?? []);

    public IEnumerable<string> Errors => Outputs.Where(o => (string?)o["output_type"] == "error")
        .Select(o => $"{o["ename"]}: {o["evalue"]}");

    /// <summary>All text a reader sees: streams plus the text/plain and text/html of displays and results.</summary>
    public string AllText => string.Join("\n", Outputs.Select(OutputText));

    public IEnumerable<string> Html => Outputs.Select(o => Join(o["data"]?["text/html"])).Where(h => h.Length > 0);

    private static string OutputText(JsonObject o) => (string?)o["output_type"] == "stream"
        ? Join(o["text"])
        : Join(o["data"]?["text/plain"]) + "\n" + Join(o["data"]?["text/html"]);

    private static string Join(JsonNode? node) => node switch
    {
        JsonArray a => string.Concat(a.Select(x => (string?)x)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };
}
