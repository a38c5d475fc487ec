using System.Text.Json;
using MLPrimer.Features;
using Xunit;

namespace MLPrimer.Tests.Features;

public class OneHotEncoderTests
{
    private static JsonElement Case(string kind) =>
        Reference.Load("onehot_reference.json").GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == kind);

    private static string[] Strings(JsonElement e) => e.EnumerateArray().Select(s => s.GetString()!).ToArray();

    [Fact]
    public void Text_MatchesSklearn_CategoriesNamesAndOutputs()
    {
        // Reference: sklearn OneHotEncoder(handle_unknown="ignore") on an object array with None, see make_reference.py.
        var c = Case("text");
        var enc = new OneHotEncoder(UnknownCategoryHandling.Ignore);
        var train = Reference.TextMatrix(c.GetProperty("train"));
        var sparse = enc.FitTransform(train);
        var expectedCategories = c.GetProperty("categories").EnumerateArray()
            .Select(col => col.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : (object?)v.GetString()).ToArray()).ToArray();
        Assert.Equal(expectedCategories.Length, enc.Categories.Count);
        for (int i = 0; i < expectedCategories.Length; i++) Assert.Equal(expectedCategories[i], enc.Categories[i]);
        Assert.Equal(Strings(c.GetProperty("feature_names")), enc.GetFeatureNamesOut());
        Assert.Equal(Strings(c.GetProperty("feature_names_custom")), enc.GetFeatureNamesOut(new[] { "col0", "col1" }));
        Assert.Equal(Reference.Matrix(c.GetProperty("train_dense")), sparse.ToDense());
        Assert.Equal(Reference.Matrix(c.GetProperty("train_dense")), enc.TransformDense(train));
        Assert.Equal(Reference.Matrix(c.GetProperty("test_dense_ignore")), enc.TransformDense(Reference.TextMatrix(c.GetProperty("test"))));
    }

    [Fact]
    public void Numeric_MatchesSklearn_CategoriesNamesAndOutputs()
    {
        var c = Case("numeric");
        var enc = new OneHotEncoder(UnknownCategoryHandling.Ignore);
        var train = Reference.Matrix(c.GetProperty("train"));
        enc.Fit(train);
        var expectedCategories = c.GetProperty("categories").EnumerateArray().Select(Reference.Doubles).ToArray();
        for (int i = 0; i < expectedCategories.Length; i++)
            Assert.Equal(expectedCategories[i].Cast<object?>(), enc.Categories[i]);
        Assert.Equal(Strings(c.GetProperty("feature_names")), enc.GetFeatureNamesOut());
        Assert.Equal(Reference.Matrix(c.GetProperty("train_dense")), enc.TransformDense(train));
        Assert.Equal(Reference.Matrix(c.GetProperty("test_dense_ignore")), enc.Transform(Reference.Matrix(c.GetProperty("test"))).ToDense());
    }

    [Fact]
    public void Sparse_HasOneEntryPerColumnBlock_SortedIndices()
    {
        // Column 0 categories [a, b] -> outputs 0..1, column 1 categories [x, y, z] -> outputs 2..4.
        var x = new string?[,] { { "b", "z" }, { "a", "x" }, { "b", "y" } };
        var m = new OneHotEncoder().FitTransform(x);
        Assert.Equal(new[] { 0, 2, 4, 6 }, m.IndPtr);
        Assert.Equal(new[] { 1, 4, 0, 2, 1, 3 }, m.Indices);
        Assert.All(m.Data, v => Assert.Equal(1.0, v));
        Assert.Equal(5, m.Columns);
    }

    [Fact]
    public void NaN_IsACategory_SortedLast_NamedNan()
    {
        var enc = new OneHotEncoder().Fit(new double[,] { { double.NaN }, { 2 }, { -1 }, { 2 } });
        Assert.Equal(new[] { "x0_-1.0", "x0_2.0", "x0_nan" }, enc.GetFeatureNamesOut());
        Assert.Equal(new double[,] { { 0, 0, 1 } }, enc.TransformDense(new double[,] { { double.NaN } }));
    }

    [Fact]
    public void UnknownCategory_WithErrorHandling_ThrowsNamingValueAndColumn()
    {
        var enc = new OneHotEncoder().Fit(new string?[,] { { "a", "x" } });
        var ex = Assert.Throws<ArgumentException>(() => enc.Transform(new string?[,] { { "a", "zz" } }));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("\"zz\"", ex.Message);
        Assert.Contains("column 1", ex.Message);
        Assert.Throws<ArgumentException>(() => enc.Transform(new string?[,] { { null, "x" } }));
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new OneHotEncoder().Fit(new string?[0, 2])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new OneHotEncoder().Fit(new double[3, 0])).ParamName);
        Assert.Throws<ArgumentNullException>(() => new OneHotEncoder().Fit((string?[,])null!));
        Assert.Throws<InvalidOperationException>(() => new OneHotEncoder().Transform(new string?[,] { { "a" } }));
        var enc = new OneHotEncoder().Fit(new string?[,] { { "a", "b" } });
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => enc.Transform(new string?[,] { { "a" } })).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => enc.Transform(new double[,] { { 1, 2 } })).ParamName);
        Assert.Equal("handleUnknown", Assert.Throws<ArgumentException>(() => new OneHotEncoder((UnknownCategoryHandling)5)).ParamName);
    }

    [Theory]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(1.5e-300, "1.5e-300")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(0.1, "0.1")]
    public void PythonRepr_MatchesPythonFloatRepr(double value, string expected)
    {
        // Expected strings are Python's repr(float(value)).
        Assert.Equal(expected, CategoryOrder.PythonRepr(value));
    }

    [Fact]
    public void TextOrder_IsCodePointOrder()
    {
        // Python: sorted(["\uffff", "😀", "a", "B"]) == ["B", "a", "\uffff", "😀"]; UTF-16 ordinal order would put 😀 before \uffff.
        var list = new List<string?> { "\uffff", "😀", null, "a", "B" };
        list.Sort(CategoryOrder.TextComparer.Instance);
        Assert.Equal(new string?[] { "B", "a", "\uffff", "😀", null }, list);
    }
}
