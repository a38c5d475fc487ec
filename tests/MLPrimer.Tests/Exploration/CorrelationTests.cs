using MLPrimer.Data;
using MLPrimer.Exploration;

namespace MLPrimer.Tests.Exploration;

public class CorrelationTests
{
    private static double[][] WineColumns()
    {
        var names = StatisticsReference.Get("wine_feature_names").AsArray().Select(n => (string)n!).ToArray();
        return names.Select(n => StatisticsReference.Values(new System.Text.Json.Nodes.JsonObject { ["dataset"] = "wine", ["name"] = n })).ToArray();
    }

    [Theory]
    [InlineData(CorrelationMethod.Pearson, "wine_pearson")]
    [InlineData(CorrelationMethod.Spearman, "wine_spearman")]
    public void WineMatrixMatchesNumpyAndScipy(CorrelationMethod method, string reference)
    {
        var expected = StatisticsReference.Get(reference).AsArray().Select(r => StatisticsReference.Doubles(r!)).ToArray();
        var actual = Correlation.Matrix(WineColumns(), method);
        Assert.Equal(13, actual.GetLength(0));
        for (var a = 0; a < 13; a++)
            for (var b = 0; b < 13; b++)
                Assert.Equal(expected[a][b], actual[a, b], 1e-10);
    }

    [Fact]
    public void TiedPairMatchesScipy()
    {
        var pair = StatisticsReference.Get("ties_pair");
        var x = StatisticsReference.Doubles(pair["x"]!);
        var y = StatisticsReference.Doubles(pair["y"]!);
        Assert.Equal(pair["pearson"]!.GetValue<double>(), Correlation.Pearson(x, y), 12);
        Assert.Equal(pair["spearman"]!.GetValue<double>(), Correlation.Spearman(x, y), 12);
    }

    [Fact]
    public void SpearmanSeesMonotonicPearsonSeesLinear()
    {
        // y = x³ is monotonic but not linear: Spearman is exactly 1, Pearson is below 1.
        var x = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        var y = x.Select(v => v * v * v).ToArray();
        Assert.Equal(1.0, Correlation.Spearman(x, y), 12);
        Assert.InRange(Correlation.Pearson(x, y), 0.85, 0.99);
        // Hand calculation of average ranks: 10, 20, 20, 30 → 1, 2.5, 2.5, 4.
        Assert.Equal([1, 2.5, 2.5, 4], Correlation.Ranks([10, 20, 20, 30]));
    }

    [Fact]
    public void BadPairsAreRejected()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Correlation.Pearson([1, 2, 3], [1, 2])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Correlation.Spearman([1], [1])).ParamName);
        Assert.True(double.IsNaN(Correlation.Pearson([1, 1, 1], [1, 2, 3])));
    }
}
