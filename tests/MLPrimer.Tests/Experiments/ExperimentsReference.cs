using System.Text.Json;

namespace MLPrimer.Tests.Experiments;

/// <summary>Reads reference/experiments_reference.json (written by make_reference.py with scipy and scikit-learn).</summary>
internal static class ExperimentsReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Experiments", "reference", "experiments_reference.json"))));

    internal static JsonElement Case(string section, int index) => Document.Value.RootElement.GetProperty(section)[index];

    internal static TheoryData<int> Indices(string section)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Document.Value.RootElement.GetProperty(section).GetArrayLength(); i++) data.Add(i);
        return data;
    }

    internal static double Double(this JsonElement e, string name) => e.GetProperty(name).GetDouble();

    internal static double[] Doubles(this JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble()).ToArray();

    internal static double[][] Matrix(this JsonElement e, string name) =>
        e.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
}
