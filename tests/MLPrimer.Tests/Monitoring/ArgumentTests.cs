using MLPrimer.Monitoring;

namespace MLPrimer.Tests.Monitoring;

public class ArgumentTests
{
    [Fact]
    public void EmptySamplesAreRejected()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.TwoSample([], [1.0])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.TwoSample([1.0], [])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => CramerVonMisesTest.TwoSample([1.0], [1.0, 2.0])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute([], [1.0])).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => ChiSquaredTest.TwoSample([0, 1], [], 2)).ParamName);
        Assert.Equal("targetPredictions", Assert.Throws<ArgumentException>(() => LabelShiftEstimator.Estimate([0, 1], [0, 1], [], 2)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.Test([], [[1.0], [2.0]])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.TwoSample([double.NaN], [1.0])).ParamName);
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.UnbiasedMmd2([[1.0], [2.0]], [[1.0, 2.0], [3.0, 4.0]], 1)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.UnbiasedMmd2([[1.0], [2.0, 3.0]], [[1.0], [2.0]], 1)).ParamName);
        Assert.Equal("actual", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.FromCounts([1.0, 2], [1.0, 2, 3])).ParamName);
        Assert.Equal("sourcePredictions", Assert.Throws<ArgumentException>(() => LabelShiftEstimator.Estimate([0, 1], [0], [0], 2)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit([[1.0], [2.0]], [0])).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => ClassifierDriftDetector.Detect([[1.0], [2.0]], [[1.0, 2.0], [3.0, 4.0]])).ParamName);
    }

    [Fact]
    public void TooFewBinsAreRejected()
    {
        Assert.Equal("bins", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute([1.0, 2], [1.0, 2], bins: 1)).ParamName);
        Assert.Equal("bins", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Edges([1.0, 2], 0)).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.FromCounts([1.0], [1.0])).ParamName);
        Assert.Equal("categories", Assert.Throws<ArgumentException>(() => ChiSquaredTest.TwoSample([0], [0], 1)).ParamName);
    }

    [Fact]
    public void NegativeCountsAndBadCodesAreRejected()
    {
        Assert.Equal("observed", Assert.Throws<ArgumentException>(() => ChiSquaredTest.Contingency(new double[,] { { 1, -2 }, { 3, 4 } })).ParamName);
        Assert.Equal("observed", Assert.Throws<ArgumentException>(() => ChiSquaredTest.Contingency(new double[,] { { 0, 2 }, { 0, 4 } })).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.FromCounts([1.0, -1], [1.0, 1])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => ChiSquaredTest.TwoSample([0, 3], [0], 3)).ParamName);
        Assert.Equal("sourceLabels", Assert.Throws<ArgumentException>(() => LabelShiftEstimator.Estimate([0, 2], [0, 1], [0], 2)).ParamName);
        Assert.Equal("permutations", Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.Test([[1.0], [2.0]], [[1.0], [2.0]], permutations: 0)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.UnbiasedMmd2([[1.0], [2.0]], [[1.0], [2.0]], 0)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => new LogisticRegression(0)).ParamName);
        // A classifier no better than chance has a singular confusion matrix.
        Assert.Equal("sourcePredictions", Assert.Throws<ArgumentException>(() => LabelShiftEstimator.Estimate([0, 1, 0, 1], [0, 0, 0, 0], [0, 1], 2)).ParamName);
    }
}
