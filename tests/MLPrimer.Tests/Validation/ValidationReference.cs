using System.Text.Json;

namespace MLPrimer.Tests.Validation;

/// <summary>Reads reference/validation_reference.json (written by make_reference.py with scikit-learn).</summary>
internal static class ValidationReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "reference", "validation_reference.json"))));

    internal static JsonElement Section(string name) => Document.Value.RootElement.GetProperty(name);

    internal static JsonElement Case(string section, int index) => Section(section)[index];

    internal static TheoryData<int> Indices(string section)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Section(section).GetArrayLength(); i++) data.Add(i);
        return data;
    }

    internal static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    internal static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();

    /// <summary>Asserts that our folds equal scikit-learn's, fold by fold, index by index.</summary>
    internal static void AssertFolds(JsonElement expected, IEnumerable<MLPrimer.Validation.Fold> actual)
    {
        var ours = actual.ToArray();
        Assert.Equal(expected.GetArrayLength(), ours.Length);
        for (var f = 0; f < ours.Length; f++)
        {
            Assert.Equal(f, ours[f].Index);
            Assert.Equal(Ints(expected[f].GetProperty("train")), ours[f].Train);
            Assert.Equal(Ints(expected[f].GetProperty("test")), ours[f].Test);
        }
    }
}
