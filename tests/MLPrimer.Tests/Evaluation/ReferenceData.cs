using System.Globalization;
using System.Text.Json;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Reads reference/metrics_reference.json (written by make_reference.py with scikit-learn).</summary>
internal static class ReferenceData
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Evaluation", "reference", "metrics_reference.json");
        return JsonDocument.Parse(File.ReadAllText(path));
    });

    internal static JsonElement Root => Document.Value.RootElement;

    internal static JsonElement Section(string name) => Root.GetProperty(name);

    internal static JsonElement Case(string section, string name)
    {
        foreach (var c in Section(section).EnumerateArray())
            if (c.GetProperty("name").GetString() == name) return c;
        throw new KeyNotFoundException($"{section}/{name}");
    }

    /// <summary>Case names of a section, as xunit theory data.</summary>
    internal static TheoryData<string> Names(string section)
    {
        var data = new TheoryData<string>();
        foreach (var c in Section(section).EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    /// <summary>A number, or one of the strings "NaN", "Infinity", "-Infinity" the generator writes for non-finite values.</summary>
    internal static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => double.Parse(e.GetString()!, CultureInfo.InvariantCulture),
        _ => throw new InvalidDataException($"Not a number: {e}"),
    };

    internal static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(Number).ToArray();

    internal static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    internal static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();

    internal static bool IsError(JsonElement e) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("error", out _);
}

/// <summary>Float comparisons for the reference tests.</summary>
internal static class Close
{
    /// <summary>Relative-or-absolute tolerance used against scikit-learn: summation order differs, nothing else.</summary>
    internal const double Tolerance = 1e-12;

    internal static void Equal(double expected, double actual, string what, double tolerance = Tolerance)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        if (expected == actual) return;
        double scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }

    internal static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what, double tolerance = Tolerance)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++) Equal(expected[i], actual[i], $"{what}[{i}]", tolerance);
    }
}
