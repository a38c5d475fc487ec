using MLPrimer.Features;
using Xunit;

namespace MLPrimer.Tests.Features;

public class PolynomialFeaturesTests
{
    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        int n = Reference.Load("polynomial_reference.json").GetProperty("cases").GetArrayLength();
        for (int i = 0; i < n; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void FitTransform_MatchesSklearn(int index)
    {
        // Reference: sklearn PolynomialFeatures(degree, interaction_only, include_bias).fit_transform(X), powers_ and
        // get_feature_names_out(), see reference/make_reference.py.
        var c = Reference.Load("polynomial_reference.json").GetProperty("cases")[index];
        var poly = new PolynomialFeatures(c.GetProperty("degree").GetInt32(), c.GetProperty("interaction_only").GetBoolean(),
            c.GetProperty("include_bias").GetBoolean());
        var output = poly.FitTransform(Reference.Matrix(c.GetProperty("X")));
        var expected = Reference.Matrix(c.GetProperty("output"));
        Assert.Equal(expected.GetLength(1), poly.NOutputFeatures);
        Assert.Equal(expected, output); // bit-exact: same multiplication order as sklearn
        var powers = poly.Powers;
        var expectedPowers = c.GetProperty("powers").EnumerateArray().Select(Reference.Ints).ToArray();
        for (int i = 0; i < expectedPowers.Length; i++)
            for (int j = 0; j < expectedPowers[i].Length; j++) Assert.Equal(expectedPowers[i][j], powers[i, j]);
        Assert.Equal(c.GetProperty("feature_names").EnumerateArray().Select(s => s.GetString()!), poly.GetFeatureNamesOut());
    }

    [Fact]
    public void PrimerExample_InteractionOnlyDegree2_HandComputed()
    {
        // X = [[1,2,3],[4,5,6],[7,8,9]], interaction_only, no bias: [a, b, c, ab, ac, bc].
        var x = new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };
        var poly = new PolynomialFeatures(2, interactionOnly: true, includeBias: false);
        var expected = new double[,] { { 1, 2, 3, 2, 3, 6 }, { 4, 5, 6, 20, 24, 30 }, { 7, 8, 9, 56, 63, 72 } };
        Assert.Equal(expected, poly.FitTransform(x));
        Assert.Equal(new[] { "a", "b", "c", "a b", "a c", "b c" }, poly.GetFeatureNamesOut(new[] { "a", "b", "c" }));
        Assert.Equal(3, poly.NFeaturesIn);
    }

    [Fact]
    public void Degree3_TwoInputs_HandComputed()
    {
        // [1, a, b, a², ab, b², a³, a²b, ab², b³] at a = 2, b = 3.
        var poly = new PolynomialFeatures(3);
        Assert.Equal(new double[,] { { 1, 2, 3, 4, 6, 9, 8, 12, 18, 27 } }, poly.FitTransform(new double[,] { { 2, 3 } }));
        Assert.Equal(new[] { "1", "x0", "x1", "x0^2", "x0 x1", "x1^2", "x0^3", "x0^2 x1", "x0 x1^2", "x1^3" }, poly.GetFeatureNamesOut());
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Equal("degree", Assert.Throws<ArgumentException>(() => new PolynomialFeatures(0)).ParamName);
        Assert.Throws<InvalidOperationException>(() => new PolynomialFeatures().Transform(new double[,] { { 1 } }));
        var poly = new PolynomialFeatures().Fit(new double[,] { { 1, 2 } });
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => poly.Transform(new double[,] { { 1, 2, 3 } })).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => poly.Fit(new double[0, 2])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => poly.Fit(new double[2, 0])).ParamName);
        Assert.Throws<ArgumentNullException>(() => poly.Fit(null!));
        Assert.Equal("inputFeatures", Assert.Throws<ArgumentException>(() => poly.GetFeatureNamesOut(new[] { "a" })).ParamName);
    }
}
