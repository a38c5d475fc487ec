using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>A Jupyter notebook (.ipynb, nbformat 4) read as JSON, so outputs can be written back without losing metadata.</summary>
internal sealed class NotebookDocument
{
    private readonly JsonObject _root;

    private NotebookDocument(JsonObject root) => _root = root;

    public static NotebookDocument Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                   ?? throw new InvalidDataException($"{path} is not a JSON object.");
        if (root["cells"] is not JsonArray)
            throw new InvalidDataException($"{path} has no 'cells' array: is it a Jupyter notebook?");
        return new NotebookDocument(root);
    }

    public JsonArray Cells => (JsonArray)_root["cells"]!;

    public static string CellType(JsonNode cell) => (string?)cell["cell_type"] ?? "";

    public static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    public static void SetOutputs(JsonNode cell, JsonArray outputs, int? executionCount)
    {
        cell["outputs"] = outputs;
        cell["execution_count"] = executionCount;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, _root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Splits text into the list-of-lines form Jupyter uses for sources and outputs.</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }
}
