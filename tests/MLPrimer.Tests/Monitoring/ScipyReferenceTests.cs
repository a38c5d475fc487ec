using MLPrimer.Monitoring;
using static MLPrimer.Tests.Monitoring.MonitoringReference;

namespace MLPrimer.Tests.Monitoring;

public class ScipyReferenceTests
{
    private static void Close(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), 1e-300), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(TwoSampleCases), MemberType = typeof(MonitoringReference))]
    public void KolmogorovSmirnovMatchesKs2samp(int index)
    {
        var c = Get("two_sample")[index]!;
        double[] x = Doubles(c["x"]!), y = Doubles(c["y"]!);
        var exact = KolmogorovSmirnovTest.TwoSample(x, y, KolmogorovSmirnovMethod.Exact);
        Close(c["ks_statistic"]!.GetValue<double>(), exact.Statistic, 1e-12);
        Close(c["ks_exact_pvalue"]!.GetValue<double>(), exact.PValue, 1e-8);
        var asymptotic = KolmogorovSmirnovTest.TwoSample(x, y, KolmogorovSmirnovMethod.Asymptotic);
        Close(c["ks_asymptotic_pvalue"]!.GetValue<double>(), asymptotic.PValue, 1e-8);
        Assert.Equal(exact.PValue, KolmogorovSmirnovTest.TwoSample(x, y).PValue);   // Auto is exact at these sizes, like scipy's default
        Assert.Equal(exact.Statistic, KolmogorovSmirnovTest.TwoSample(y, x, KolmogorovSmirnovMethod.Exact).Statistic);
    }

    [Theory]
    [MemberData(nameof(TwoSampleCases), MemberType = typeof(MonitoringReference))]
    public void CramerVonMisesMatchesCramervonmises2samp(int index)
    {
        var c = Get("two_sample")[index]!;
        var result = CramerVonMisesTest.TwoSample(Doubles(c["x"]!), Doubles(c["y"]!));
        Close(c["cvm_statistic"]!.GetValue<double>(), result.Statistic, 1e-9);
        Close(c["cvm_pvalue"]!.GetValue<double>(), result.PValue, 1e-6);
    }

    [Theory]
    [MemberData(nameof(ContingencyCases), MemberType = typeof(MonitoringReference))]
    public void ChiSquaredMatchesChi2Contingency(int index)
    {
        var c = Get("contingency")[index]!;
        var rows = c["observed"]!.AsArray().Select(r => Doubles(r!)).ToArray();
        var table = new double[rows.Length, rows[0].Length];
        for (var i = 0; i < rows.Length; i++) for (var j = 0; j < rows[0].Length; j++) table[i, j] = rows[i][j];
        var result = ChiSquaredTest.Contingency(table);
        Close(c["statistic"]!.GetValue<double>(), result.Statistic, 1e-10);
        Close(c["pvalue"]!.GetValue<double>(), result.PValue, 1e-8);
        Assert.Equal(c["dof"]!.GetValue<int>(), result.DegreesOfFreedom);
        var expected = c["expected"]!.AsArray().Select(r => Doubles(r!)).ToArray();
        for (var i = 0; i < rows.Length; i++) for (var j = 0; j < rows[0].Length; j++) Close(expected[i][j], result.ExpectedFrequencies[i, j], 1e-12);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("weighted")]
    public void LogisticRegressionMatchesScikitLearn(string key)
    {
        var l = Get("logistic");
        var x = l["x"]!.AsArray().Select(r => Doubles(r!)).ToArray();
        var y = l["y"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        var model = new LogisticRegression(1.0).Fit(x, y, key == "weighted" ? Doubles(l["weights"]!) : null);
        var coef = Doubles(l[key]!["coef"]!);
        for (var k = 0; k < coef.Length; k++) Assert.Equal(coef[k], model.Coefficients[k], 4);   // lbfgs stops within ~1e-6 of the optimum
        Assert.Equal(l[key]!["intercept"]!.GetValue<double>(), model.Intercept, 4);
    }
}
