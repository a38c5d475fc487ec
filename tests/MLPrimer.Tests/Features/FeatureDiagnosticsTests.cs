using MLPrimer.Features;
using Xunit;

namespace MLPrimer.Tests.Features;

public class FeatureDiagnosticsTests
{
    [Fact]
    public void Coverage_Text_CountsNonNullNonEmpty()
    {
        // 3 of 5 present ("" and null are missing).
        Assert.Equal(0.6, FeatureDiagnostics.Coverage(new[] { "a", null, "", "b", "a" }), 12);
    }

    [Fact]
    public void Coverage_Numeric_CountsNonNaN()
    {
        Assert.Equal(0.75, FeatureDiagnostics.Coverage(new[] { 1.0, double.NaN, 0.0, -3 }), 12);
    }

    [Fact]
    public void Coverage_DictRows_ByFeature()
    {
        // "user" in 4 of 4 rows, "ad" in 2 (one null value does not count), "age" in 1.
        var rows = new List<Dictionary<string, string?>>
        {
            new() { ["user"] = "u1", ["ad"] = "a1" },
            new() { ["user"] = "u2", ["ad"] = null },
            new() { ["user"] = "u3", ["age"] = "30" },
            new() { ["user"] = "u1", ["ad"] = "a7" },
        };
        Assert.Equal(0.5, FeatureDiagnostics.Coverage(rows, "ad"), 12);
        Assert.Equal(0.0, FeatureDiagnostics.Coverage(rows, "missing"), 12);
        var all = FeatureDiagnostics.CoverageByFeature(rows);
        Assert.Equal(new[] { "ad", "age", "user" }, all.Keys);
        Assert.Equal(new[] { 0.5, 0.25, 1.0 }, all.Values);
    }

    [Fact]
    public void ValueOverlap_ByRowsAndDistinct()
    {
        // train {a, b, c}; test rows a a a d e null -> present rows 5, seen 3 -> 0.6; distinct {a, d, e} -> 1/3.
        var train = new[] { "a", "b", "c", "a" };
        var test = new[] { "a", "a", "a", "d", "e", null };
        Assert.Equal(0.6, FeatureDiagnostics.ValueOverlap(train, test), 12);
        Assert.Equal(1.0 / 3, FeatureDiagnostics.ValueOverlap(train, test, distinct: true), 12);
        Assert.Equal(0.0, FeatureDiagnostics.ValueOverlap(new[] { "x" }, new[] { "y" }), 12);
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => FeatureDiagnostics.Coverage(Array.Empty<string>())).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => FeatureDiagnostics.Coverage(Array.Empty<double>())).ParamName);
        Assert.Throws<ArgumentNullException>(() => FeatureDiagnostics.Coverage((string[])null!));
        Assert.Equal("train", Assert.Throws<ArgumentException>(() => FeatureDiagnostics.ValueOverlap(Array.Empty<string>(), new[] { "a" })).ParamName);
        Assert.Equal("test", Assert.Throws<ArgumentException>(() => FeatureDiagnostics.ValueOverlap(new[] { "a" }, new string?[] { null })).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => FeatureDiagnostics.Coverage(new List<Dictionary<string, string>>(), "a")).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => FeatureDiagnostics.CoverageByFeature(new List<Dictionary<string, string>> { null! })).ParamName);
    }
}
