using System.Text.Json;

namespace MLPrimer.Tests.Features;

/// <summary>Loads the scikit-learn reference files written by reference/make_reference.py (copied to the output folder).</summary>
internal static class Reference
{
    private static readonly Dictionary<string, JsonDocument> Cache = new();

    public static JsonElement Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Features", "reference", file);
                doc = JsonDocument.Parse(File.ReadAllText(path));
                Cache[file] = doc;
            }
            return doc.RootElement;
        }
    }

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    public static double[,] Matrix(JsonElement e)
    {
        var rows = e.EnumerateArray().Select(Doubles).ToArray();
        int cols = rows.Length == 0 ? 0 : rows[0].Length;
        var m = new double[rows.Length, cols];
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < cols; c++) m[r, c] = rows[r][c];
        return m;
    }

    public static string?[,] TextMatrix(JsonElement e)
    {
        var rows = e.EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? null : x.GetString()).ToArray()).ToArray();
        var m = new string?[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < rows[0].Length; c++) m[r, c] = rows[r][c];
        return m;
    }
}
