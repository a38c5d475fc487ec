using System.Text.Json.Nodes;
using MLPrimer.Exploration;

namespace MLPrimer.Tests.Exploration;

public class DescriptiveTests
{
    public static TheoryData<string> ColumnNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in StatisticsReference.Columns) data.Add($"{c["dataset"]}/{c["name"]}");
        return data;
    }

    private static (JsonObject Expected, double[] Values) Column(string id)
    {
        var c = StatisticsReference.Columns.Single(c => $"{c["dataset"]}/{c["name"]}" == id);
        return (c, StatisticsReference.Values(c));
    }

    private static void Close(JsonNode? expected, double actual) =>
        Assert.Equal(expected!.GetValue<double>(), actual, 1e-10 * Math.Max(1, Math.Abs(expected.GetValue<double>())));

    [Theory]
    [MemberData(nameof(ColumnNames))]
    public void MomentsMatchScipy(string id)
    {
        var (e, x) = Column(id);
        Close(e["mean"], Descriptive.Mean(x));
        Close(e["var_ddof1"], Descriptive.Variance(x));
        Close(e["var_ddof0"], Descriptive.Variance(x, ddof: 0));
        Close(e["skew_biased"], Descriptive.Skewness(x));
        Close(e["skew_unbiased"], Descriptive.Skewness(x, bias: false));
        Close(e["kurtosis_biased"], Descriptive.Kurtosis(x));
        Close(e["kurtosis_unbiased"], Descriptive.Kurtosis(x, bias: false));
        Close(e["kurtosis_pearson_biased"], Descriptive.Kurtosis(x, fisher: false));
        Assert.Equal(Math.Sqrt(Descriptive.Variance(x)), Descriptive.StandardDeviation(x), 12);
    }

    [Theory]
    [MemberData(nameof(ColumnNames))]
    public void QuantilesModeRanksAndOutliersMatchNumpyAndScipy(string id)
    {
        var (e, x) = Column(id);
        var levels = StatisticsReference.Doubles(StatisticsReference.Get("quantile_levels"));
        var expected = StatisticsReference.Doubles(e["quantiles"]!);
        var batch = Quantiles.Quantile(x, levels);
        for (var t = 0; t < levels.Length; t++)
        {
            Assert.Equal(expected[t], Quantiles.Quantile(x, levels[t]), 1e-10);
            Assert.Equal(expected[t], batch[t], 1e-10);
        }
        Assert.Equal(expected[3], Quantiles.Median(x), 1e-10);
        Assert.Equal(expected[4] - expected[2], Quantiles.InterquartileRange(x), 1e-10);
        var (mode, count) = Descriptive.Mode(x);
        Close(e["mode"], mode);
        Assert.Equal(e["mode_count"]!.GetValue<int>(), count);
        Assert.Equal(StatisticsReference.Doubles(e["ranks"]!), Correlation.Ranks(x));
        Assert.Equal(e["iqr_outliers"]!.AsArray().Select(v => v!.GetValue<int>()), Outliers.IqrOutliers(x));
    }

    [Fact]
    public void HandCalculatedValues()
    {
        // x = 1, 2, 3, 4, 10: mean 4, deviations −3 −2 −1 0 6; m2 = 50/5 = 10, m3 = (−27−8−1+0+216)/5 = 36,
        // m4 = (81+16+1+0+1296)/5 = 278.8; g1 = 36/10^1.5 = 1.1384..., excess kurtosis = 278.8/100 − 3 = −0.212.
        double[] x = [1, 2, 3, 4, 10];
        Assert.Equal(4, Descriptive.Mean(x), 12);
        Assert.Equal(12.5, Descriptive.Variance(x), 12);            // 50 / 4
        Assert.Equal(36 / Math.Pow(10, 1.5), Descriptive.Skewness(x), 12);
        Assert.Equal(-0.212, Descriptive.Kurtosis(x), 12);
        // numpy linear quantile: h = (5 − 1)·0.3 = 1.2 → 2 + 0.2·(3 − 2) = 2.2.
        Assert.Equal(2.2, Quantiles.Quantile(x, 0.3), 12);
        // IQR: Q1 = 2, Q3 = 4, fences 2 − 3 = −1 and 4 + 3 = 7: only 10 (index 4) is out.
        Assert.Equal([4], Outliers.IqrOutliers(x));
        Assert.Equal((-1.0, 7.0), Outliers.IqrFences(x));
    }

    [Fact]
    public void ConstantDataHasNoShape()
    {
        double[] x = [2, 2, 2, 2];
        Assert.Equal(0, Descriptive.Variance(x));
        Assert.True(double.IsNaN(Descriptive.Skewness(x)));
        Assert.True(double.IsNaN(Descriptive.Kurtosis(x)));
    }

    [Fact]
    public void BadInputIsRejectedWithTheRule()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Descriptive.Mean([])).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => Descriptive.Mean([1, double.NaN]));
        Assert.Contains("missing", nan.Message);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Descriptive.Variance([1])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Descriptive.Kurtosis([1, 2, 3], bias: false)).ParamName);
        Assert.Equal("ddof", Assert.Throws<ArgumentException>(() => Descriptive.Variance([1, 2], -1)).ParamName);
        Assert.Equal("q", Assert.Throws<ArgumentException>(() => Quantiles.Quantile([1, 2], 1.5)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentException>(() => Outliers.IqrFences([1, 2], -1)).ParamName);
    }
}
