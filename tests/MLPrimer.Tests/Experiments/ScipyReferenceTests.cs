using MLPrimer.Experiments;
using static MLPrimer.Tests.Experiments.ExperimentsReference;

namespace MLPrimer.Tests.Experiments;

/// <summary>Our tests and GP against scipy / scikit-learn (reference/make_reference.py).</summary>
public class ScipyReferenceTests
{
    public static TheoryData<int> TwoProportionCases => Indices("two_proportion");
    public static TheoryData<int> WelchCases => Indices("welch");
    public static TheoryData<int> ChiSquareCases => Indices("chisquare");
    public static TheoryData<int> GpCases => Indices("gp");

    [Theory, MemberData(nameof(TwoProportionCases))]
    public void TwoProportionZTestMatchesTheFormula(int index)
    {
        var c = Case("two_proportion", index);
        var r = TwoProportionZTest.Test((long)c.Double("xc"), (long)c.Double("nc"), (long)c.Double("xt"), (long)c.Double("nt"), c.Double("alpha"));
        Assert.Equal(c.Double("z"), r.Z, 10);
        Assert.Equal(c.Double("p"), r.PValue, 10);
        Assert.Equal(c.Double("low"), r.ConfidenceLow, 10);
        Assert.Equal(c.Double("high"), r.ConfidenceHigh, 10);
        Assert.Equal(r.PValue < c.Double("alpha"), r.Significant);
    }

    [Theory, MemberData(nameof(WelchCases))]
    public void WelchTTestMatchesScipy(int index)
    {
        var c = Case("welch", index);
        var r = WelchTTest.Test(c.Doubles("control"), c.Doubles("treatment"), c.Double("alpha"));
        Assert.Equal(c.Double("t"), r.T, 9);
        Assert.Equal(c.Double("df"), r.DegreesOfFreedom, 9);
        Assert.Equal(c.Double("p"), r.PValue, 8);
        Assert.Equal(c.Double("low"), r.ConfidenceLow, 6);
        Assert.Equal(c.Double("high"), r.ConfidenceHigh, 6);
    }

    [Theory, MemberData(nameof(ChiSquareCases))]
    public void SampleRatioMismatchMatchesScipyChisquare(int index)
    {
        var c = Case("chisquare", index);
        var r = SampleRatioMismatch.Test(c.Doubles("observed").Select(v => (long)v).ToArray(), c.Doubles("shares"));
        Assert.Equal(c.Double("chi2"), r.ChiSquare, 9);
        Assert.Equal(c.Doubles("observed").Length - 1, r.DegreesOfFreedom);
        Assert.Equal(c.Double("p"), r.PValue, 9);
        Assert.Equal(1.0, r.PValue / c.Double("p"), 6);   // relative: the far tail (p ~ 1e-25) must not round to 0
        Assert.Equal(r.PValue < 0.001, r.Mismatch);
    }

    [Theory, MemberData(nameof(GpCases))]
    public void GaussianProcessMatchesScikitLearn(int index)
    {
        var c = Case("gp", index);
        var kernel = new Kernel(Enum.Parse<KernelType>(c.GetProperty("kernel").GetString()!), c.Double("length_scale"), c.Double("amplitude"));
        var gp = new GaussianProcessRegressor(kernel, c.Double("alpha"), c.GetProperty("normalize_y").GetBoolean())
            .Fit(c.Matrix("x"), c.Doubles("y"));
        var p = gp.Predict(c.Matrix("xq"));
        var (mean, std) = (c.Doubles("mean"), c.Doubles("std"));
        for (var i = 0; i < mean.Length; i++)
        {
            Assert.Equal(mean[i], p.Mean[i], 6);
            Assert.Equal(std[i], p.Std[i], 5);
        }
        Assert.Equal(c.Double("log_marginal_likelihood"), gp.LogMarginalLikelihood, 5);
    }
}
