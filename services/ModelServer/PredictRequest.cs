using System.Text.Json;

namespace ModelServer;

/// <summary>Parses and validates a /predict body, <c>{"features": [[f1, f2, ...], ...]}</c>, before anything reaches a model.</summary>
public static class PredictRequest
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>The rows of <paramref name="body"/>, or the reason (safe to show to the client) why there are none.</summary>
    public static (float[][]? Rows, string? Problem) Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) return (null, "the body is empty; send {\"features\": [[f1, f2, ...], ...]}.");
        JsonDocument document;
        try { document = JsonDocument.Parse(body, Options); }
        catch (JsonException ex)
        {
            return (null, $"the body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); note that JSON has no NaN or Infinity.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, $"the body must be a JSON object {{\"features\": [[...]]}}; got a JSON {Kind(root)}.");
            if (!root.TryGetProperty("features", out var features)) return (null, "the field \"features\" is missing; send {\"features\": [[f1, f2, ...], ...]}.");
            if (features.ValueKind != JsonValueKind.Array) return (null, $"\"features\" must be a list of rows; got a JSON {Kind(features)}.");
            int count = features.GetArrayLength();
            if (count == 0) return (null, "\"features\" is an empty list; send at least one row.");
            var rows = new float[count][];
            int i = 0;
            foreach (var row in features.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array) return (null, $"row {i} must be a list of numbers; got a JSON {Kind(row)}.");
                int width = row.GetArrayLength();
                if (width == 0) return (null, $"row {i} is empty.");
                if (i > 0 && width != rows[0].Length) return (null, $"the rows are ragged: row {i} has {width} values, row 0 has {rows[0].Length}.");
                var values = new float[width];
                int j = 0;
                foreach (var cell in row.EnumerateArray())
                {
                    if (cell.ValueKind != JsonValueKind.Number) return (null, $"row {i}, column {j} must be a number; got a JSON {Kind(cell)}.");
                    if (!cell.TryGetDouble(out double d) || !double.IsFinite(d) || Math.Abs(d) > float.MaxValue)
                        return (null, $"row {i}, column {j} is outside the range of a 32-bit float (about ±3.4e38).");
                    values[j++] = (float)d;
                }
                rows[i++] = values;
            }
            return (rows, null);
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
