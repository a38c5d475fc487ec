using MLPrimer.Features;
using Xunit;

namespace MLPrimer.Tests.Features;

public class FeatureCrossTests
{
    [Fact]
    public void Cross_JoinsTokensWithCaret()
    {
        Assert.Equal("user=u1^ad=a7", FeatureCross.Cross(FeatureCross.Token("user", "u1"), FeatureCross.Token("ad", "a7")));
        Assert.Equal("a^b^c", FeatureCross.Cross("a", "b", "c"));
    }

    [Fact]
    public void CrossColumns_RowByRow()
    {
        Assert.Equal(new[] { "u1^a7", "u2^a1" }, FeatureCross.CrossColumns(new[] { "u1", "u2" }, new[] { "a7", "a1" }));
    }

    [Fact]
    public void Tokens_FieldTokensThenCrosses_HashLikeTheStringsThemselves()
    {
        var row = new Dictionary<string, string> { ["user"] = "u1", ["ad"] = "a7", ["hour"] = "13" };
        var tokens = FeatureCross.Tokens(row, ("user", "ad"));
        Assert.Equal(new[] { "user=u1", "ad=a7", "hour=13", "user=u1^ad=a7" }, tokens);

        // Hashing the tokens as strings equals hashing the dict plus the crossed token (dict "f": "v" hashes as "f=v").
        var hasher = new FeatureHasher(64, FeatureHasherInputType.String);
        var byTokens = hasher.Transform(new[] { tokens });
        var dictPart = new FeatureHasher(64).Transform(new[] { row }).ToDense();
        var (index, sign) = hasher.Bucket("user=u1^ad=a7");
        dictPart[0, index] += sign;
        Assert.Equal(dictPart, byTokens.ToDense());
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Equal("tokens", Assert.Throws<ArgumentException>(() => FeatureCross.Cross("only")).ParamName);
        Assert.Equal("tokens", Assert.Throws<ArgumentException>(() => FeatureCross.Cross("a", null!)).ParamName);
        Assert.Equal("right", Assert.Throws<ArgumentException>(() => FeatureCross.CrossColumns(new[] { "a" }, new[] { "b", "c" })).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => FeatureCross.Token("", "v")).ParamName);
        Assert.Throws<ArgumentNullException>(() => FeatureCross.Token("n", null!));
        Assert.Equal("crosses", Assert.Throws<ArgumentException>(() => FeatureCross.Tokens(new Dictionary<string, string> { ["a"] = "1" }, ("a", "b"))).ParamName);
    }
}
