using MLPrimer.Evaluation;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Hand-computed log loss, Brier score, calibration curve and calibration errors.</summary>
public class ProbabilisticAndCalibrationTests
{
    private const double Eps = 1e-12;

    [Fact]
    public void BinaryLogLoss()
    {
        // -(ln 0.8 + ln(1 - 0.3)) / 2 = (0.2231436 + 0.3566749) / 2 = 0.2899092
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7)) / 2, Metrics.LogLoss([1, 0], [0.8, 0.3]), Eps);
    }

    [Fact]
    public void LogLossClipsCertainMistakes()
    {
        // p = 0 for a positive is clipped to eps = 2^-52: loss = -ln(2^-52) = 52 ln 2 = 36.0436534; a right p = 1 costs ~0.
        Assert.Equal(52 * Math.Log(2), Metrics.LogLoss([1], [0.0]), 1e-9);
        Assert.Equal(52 * Math.Log(2) / 2, Metrics.LogLoss([1, 1], [0.0, 1.0]), 1e-9);
        // With eps = 1e-7 the same mistake costs -ln(1e-7) = 16.1180957.
        Assert.Equal(-Math.Log(1e-7), Metrics.LogLoss([1], [0.0], eps: 1e-7), 1e-9);
        // All one class is fine with 0/1 labels (scikit-learn needs labels=[0, 1] for this): -(ln 0.9 + ln 0.8) / 2
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8)) / 2, Metrics.LogLoss([0, 0], [0.1, 0.2]), Eps);
    }

    [Fact]
    public void MulticlassLogLoss()
    {
        // Rows [.7 .2 .1] (true 0) and [.1 .3 .6] (true 2): -(ln 0.7 + ln 0.6) / 2 = 0.4337502
        double[] probabilities = [0.7, 0.2, 0.1, 0.1, 0.3, 0.6];
        Assert.Equal(-(Math.Log(0.7) + Math.Log(0.6)) / 2, Metrics.LogLoss([0, 2], probabilities, 3), Eps);
        // Clipping, then renormalising: a certain row [1, 0, 0] with eps 0.1 -> [0.9, 0.1, 0.1] / 1.1 -> -ln(0.9 / 1.1)
        Assert.Equal(-Math.Log(0.9 / 1.1), Metrics.LogLoss([0], [1.0, 0.0, 0.0], 3, eps: 0.1), 1e-12);
        // Rows that are not distributions are rejected (before the fix they were renormalised: [.35 .1 .05] scored as [.7 .2 .1]).
        var e = Assert.Throws<ArgumentException>(() => Metrics.LogLoss([0], [0.35, 0.1, 0.05], 3));
        Assert.Equal("probabilities", e.ParamName);
        Assert.Contains("sums to 0.5", e.Message.Replace("0.49999999999999994", "0.5"));
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => Metrics.LogLoss([0], [1.4, -0.2, -0.2], 3)).ParamName);
    }

    [Fact]
    public void BinaryLogLossRejectsValuesOutsideTheUnitInterval()
    {
        // Before the fix [1.5, -0.2] was clipped to [1 - eps, eps] and scored a perfect 2.2e-16.
        var e = Assert.Throws<ArgumentException>(() => Metrics.LogLoss([1, 0], [1.5, -0.2]));
        Assert.Equal("yProb", e.ParamName);
        Assert.Contains("1.5", e.Message);
    }

    [Fact]
    public void BrierScore()
    {
        // ((1 - .9)² + (0 - .2)² + (1 - .4)²) / 3 = (0.01 + 0.04 + 0.36) / 3 = 0.41 / 3
        Assert.Equal(0.41 / 3, Metrics.BrierScore([1, 0, 1], [0.9, 0.2, 0.4]), Eps);
    }

    // Ten bins of width 0.1: 0.05 -> bin 0; 0.15, 0.15 -> bin 1; 0.85 -> bin 8; 0.95 -> bin 9
    private static readonly int[] CalTrue = [0, 0, 1, 1, 1];
    private static readonly double[] CalProb = [0.05, 0.15, 0.15, 0.85, 0.95];

    [Fact]
    public void CalibrationCurveAndErrors()
    {
        var (probTrue, probPred, counts) = Metrics.CalibrationCurve(CalTrue, CalProb, nBins: 10);
        Assert.Equal([0, 0.5, 1, 1], probTrue);
        Assert.Equal([0.05, 0.15, 0.85, 0.95], probPred, (a, b) => Math.Abs(a - b) < Eps);
        Assert.Equal([1, 2, 1, 1], counts);
        // Gaps |freq - conf|: 0.05, 0.35, 0.15, 0.05 with weights 1/5, 2/5, 1/5, 1/5:
        // ECE = (0.05 + 0.70 + 0.15 + 0.05) / 5 = 0.19; MCE = 0.35
        Assert.Equal(0.19, Metrics.ExpectedCalibrationError(CalTrue, CalProb), Eps);
        Assert.Equal(0.35, Metrics.MaximumCalibrationError(CalTrue, CalProb), Eps);
    }

    [Fact]
    public void AProbabilityOnABinEdgeGoesToTheLowerBin()
    {
        // scikit-learn's searchsorted(edges, p) puts 0.1 (the first edge) into bin 0, so 0.1 and 0.15 land apart.
        var curve = Metrics.CalibrationCurve([0, 1], [0.1, 0.15], nBins: 10);
        Assert.Equal([1, 1], curve.Counts);
        // A perfectly calibrated forecaster has ECE 0: p = 0.5 with half the outcomes positive.
        Assert.Equal(0.0, Metrics.ExpectedCalibrationError([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]), Eps);
    }

    [Fact]
    public void QuantileBinsHoldEqualCounts()
    {
        // Eight distinct probabilities, 4 quantile bins -> 2 per bin.
        double[] p = [0.05, 0.1, 0.3, 0.35, 0.6, 0.62, 0.9, 0.95];
        int[] y = [0, 0, 0, 1, 1, 0, 1, 1];
        var curve = Metrics.CalibrationCurve(y, p, 4, CalibrationStrategy.Quantile);
        Assert.Equal([2, 2, 2, 2], curve.Counts);
        Assert.Equal([0, 0.5, 0.5, 1], curve.ProbTrue);
    }
}
