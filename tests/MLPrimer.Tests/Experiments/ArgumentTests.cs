using MLPrimer.Experiments;

namespace MLPrimer.Tests.Experiments;

public class ArgumentTests
{
    private static void Throws(string param, Action action) => Assert.Equal(param, Assert.Throws<ArgumentException>(action).ParamName);

    [Fact]
    public void RatesMustLieInTheUnitInterval()
    {
        Throws("baselineRate", () => PowerAnalysis.SampleSizePerArm(1.2, 0.01));
        Throws("baselineRate", () => PowerAnalysis.SampleSizePerArm(-0.1, 0.01));
        Throws("minimumDetectableEffect", () => PowerAnalysis.SampleSizePerArm(0.95, 0.1));
        Throws("minimumDetectableEffect", () => PowerAnalysis.SampleSizePerArm(0.1, 0));
        Throws("controlSuccesses", () => TwoProportionZTest.Test(11, 10, 5, 10));
        Throws("treatmentTrials", () => TwoProportionZTest.Test(1, 10, 0, 0));
    }

    [Fact]
    public void AlphaMustLieStrictlyBetweenZeroAndOne()
    {
        Throws("alpha", () => TwoProportionZTest.Test(1, 10, 2, 10, alpha: 0));
        Throws("alpha", () => WelchTTest.Test([1.0, 2.0], [3.0, 4.0], alpha: 1));
        Throws("alpha", () => PowerAnalysis.SampleSizePerArm(0.1, 0.02, alpha: 1.5));
        Throws("power", () => PowerAnalysis.SampleSizePerArm(0.1, 0.02, power: 1));
        Throws("alpha", () => GroupSequentialBoundary.Pocock(3, alpha: -0.05));
    }

    [Fact]
    public void SamplesMustNotBeEmpty()
    {
        Throws("control", () => WelchTTest.Test([], [1.0, 2.0]));
        Throws("treatment", () => WelchTTest.Test([1.0, 2.0], [3.0]));
        Throws("pValues", () => MultipleTesting.Holm([]));
        Throws("pValues", () => MultipleTesting.Holm([0.5, 1.5]));
        Throws("observed", () => SampleRatioMismatch.Test([0, 0], [0.5, 0.5]));
        Throws("expectedShares", () => SampleRatioMismatch.Test([10, 10], [1.0]));
        Throws("x", () => new GaussianProcessRegressor(Kernel.Rbf(1)).Fit([], []));
        Throws("y", () => new GaussianProcessRegressor(Kernel.Rbf(1)).Fit([[0.0]], [1.0, 2.0]));
    }

    [Fact]
    public void KernelAndSearchSettingsMustBePositive()
    {
        Throws("lengthScale", () => Kernel.Rbf(0));
        Throws("lengthScale", () => Kernel.Matern52(-1));
        Throws("amplitude", () => Kernel.Rbf(1, 0));
        Throws("alpha", () => new GaussianProcessRegressor(Kernel.Rbf(1), alpha: 0));
        Throws("std", () => ExpectedImprovement.Compute(0, -1, 0));
        Throws("upper", () => new BayesianOptimizer([0, 0], [1, 0], seed: 0));
        Throws("looks", () => GroupSequentialBoundary.Pocock(0));
        Assert.Throws<InvalidOperationException>(() => new GaussianProcessRegressor(Kernel.Rbf(1)).Predict([[0.0]]));
    }
}
