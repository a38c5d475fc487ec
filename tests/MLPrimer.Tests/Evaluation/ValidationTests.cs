using MLPrimer.Evaluation;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Bad input is refused with an ArgumentException that names the parameter and says the rule.</summary>
public class ValidationTests
{
    private static void Refused(Action call, string parameter, string ruleFragment)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains(ruleFragment, ex.Message);
    }

    [Fact]
    public void EmptyInput()
    {
        Refused(() => Metrics.RocAuc([], ReadOnlySpan<double>.Empty), "yTrue", "must not be empty");
        Refused(() => Metrics.AveragePrecision([], ReadOnlySpan<double>.Empty), "yTrue", "must not be empty");
        Refused(() => Metrics.PrecisionRecallCurve([], ReadOnlySpan<float>.Empty), "yTrue", "must not be empty");
        Refused(() => Metrics.RocCurve([], ReadOnlySpan<double>.Empty), "yTrue", "must not be empty");
        Refused(() => Metrics.PrecisionScore([], []), "yTrue", "must not be empty");
        Refused(() => Metrics.F1Score([], [], Average.Macro), "yTrue", "must not be empty");
        Refused(() => Metrics.AccuracyScore([], []), "yTrue", "must not be empty");
        Refused(() => Metrics.ConfusionMatrix([], []), "yTrue", "must not be empty");
        Refused(() => Metrics.LogLoss([], ReadOnlySpan<double>.Empty), "yTrue", "must not be empty");
        Refused(() => Metrics.BrierScore([], []), "yTrue", "must not be empty");
        Refused(() => Metrics.ExpectedCalibrationError([], []), "yTrue", "must not be empty");
        Refused(() => Ranking.NdcgScore(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty), "yTrue", "at least 2 items");
        Refused(() => Ranking.MeanAveragePrecisionAtK(Array.Empty<string[]>(), Array.Empty<string[]>(), 3), "recommended", "At least one query");
    }

    [Fact]
    public void MismatchedLengths()
    {
        Refused(() => Metrics.RocAuc([0, 1], [0.5]), "yScore", "same length");
        Refused(() => Metrics.PrecisionScore([0, 1], [0, 1, 1]), "yPred", "same length");
        Refused(() => Metrics.LogLoss([0, 1], [0.5]), "yProb", "same length");
        Refused(() => Metrics.LogLoss([0, 1], [0.5, 0.5, 0.5], 2), "probabilities", "numClasses");
        Refused(() => Ranking.NdcgScore([1.0, 0.0], [0.5]), "yScore", "same length");
        Refused(() => Ranking.MeanReciprocalRank([new[] { "a" }], Array.Empty<string[]>()), "relevant", "same length");
    }

    [Fact]
    public void NaNAndInfiniteScores()
    {
        Refused(() => Metrics.RocAuc([0, 1], [0.5, double.NaN]), "yScore", "finite");
        Refused(() => Metrics.RocAuc([0, 1], [0.5f, float.NaN]), "yScore", "finite");
        Refused(() => Metrics.AveragePrecision([0, 1], [double.PositiveInfinity, 0.5]), "yScore", "finite");
        Refused(() => Metrics.RocCurve([0, 1], [0.5, double.NaN]), "yScore", "index 1");
        Refused(() => Metrics.LogLoss([0, 1], [0.5, double.NaN]), "yProb", "finite");
        Refused(() => Metrics.BrierScore([0, 1], [0.5, double.NaN]), "yProb", "finite");
        Refused(() => Metrics.CalibrationCurve([0, 1], [0.5, double.NaN]), "yProb", "finite");
        Refused(() => Ranking.NdcgScore([1.0, 0.0], [double.NaN, 0.5]), "yScore", "finite");
        Refused(() => Metrics.Auc([0, double.NaN], [0, 1]), "x", "finite");
    }

    [Fact]
    public void LabelsMustBeZeroOrOneForBinaryMetrics()
    {
        Refused(() => Metrics.RocAuc([0, 2], [0.1, 0.2]), "yTrue", "only the labels 0 and 1");
        Refused(() => Metrics.AveragePrecision([-1, 1], [0.1, 0.2]), "yTrue", "only the labels 0 and 1");
        Refused(() => Metrics.PrecisionScore([0, 1, 2], [0, 1, 1]), "yTrue", "only the labels 0 and 1");
        Refused(() => Metrics.RecallScore([0, 1], [0, 3]), "yPred", "only the labels 0 and 1");
        Refused(() => Metrics.LogLoss([0, 2], [0.1, 0.2]), "yTrue", "only the labels 0 and 1");
        Refused(() => Metrics.BrierScore([0, 2], [0.1, 0.2]), "yTrue", "only the labels 0 and 1");
        Refused(() => Metrics.ExpectedCalibrationError([0, 2], [0.1, 0.2]), "yTrue", "only the labels 0 and 1");
        Refused(() => Ranking.PrecisionAtK([0, 2, 1], 2), "relevance", "only the labels 0 and 1");
        Refused(() => Metrics.LogLoss([0, 3], [0.5, 0.5, 0.5, 0.5], 2), "yTrue", "class indices 0..1");
        // Multiclass averages accept any labels.
        Assert.Equal(2.0 / 3, Metrics.PrecisionScore([0, 1, 2], [0, 1, 1], Average.Micro), 12);
    }

    [Fact]
    public void KMustBeAtLeastOne()
    {
        string[] recs = ["a", "b"], rel = ["a"];
        Refused(() => Ranking.PrecisionAtK(recs, rel, 0), "k", "at least 1");
        Refused(() => Ranking.RecallAtK(recs, rel, -1), "k", "at least 1");
        Refused(() => Ranking.AveragePrecisionAtK(recs, rel, 0), "k", "at least 1");
        Refused(() => Ranking.MeanAveragePrecisionAtK([recs], [rel], 0), "k", "at least 1");
        Refused(() => Ranking.ReciprocalRank(recs, rel, 0), "k", "at least 1");
        Refused(() => Ranking.NdcgAtK(recs, rel, 0), "k", "at least 1");
        Refused(() => Ranking.PrecisionAtK([1, 0], 0), "k", "at least 1");
        Refused(() => Ranking.NdcgScore([1.0, 0.0], [0.2, 0.1], k: 0), "k", "at least 1");
        Assert.IsType<ArgumentOutOfRangeException>(Assert.ThrowsAny<ArgumentException>(() => Ranking.PrecisionAtK(recs, rel, 0)));
    }

    [Fact]
    public void OtherRules()
    {
        Refused(() => Metrics.BrierScore([0, 1], [0.2, 1.5]), "yProb", "[0, 1]");
        Refused(() => Metrics.CalibrationCurve([0, 1], [-0.1, 0.5]), "yProb", "[0, 1]");
        Refused(() => Metrics.CalibrationCurve([0, 1], [0.1, 0.5], nBins: 0), "nBins", "at least 1");
        Refused(() => Metrics.F1Score([0, 1], [0, 1], zeroDivision: 0.5), "zeroDivision", "0 or 1");
        Refused(() => Metrics.FBetaScore([0, 1], [0, 1], -1.0), "beta", ">= 0");
        Refused(() => Metrics.LogLoss([0, 1], [0.2, 0.3], eps: 0.7), "eps", "[0, 0.5)");
        Refused(() => Metrics.ConfusionMatrix([0, 1], [0, 1], [5, 6]), "labels", "must occur in yTrue");
        Refused(() => Metrics.ConfusionMatrix([0, 1], [0, 1], [0, 0]), "labels", "must not repeat");
        Refused(() => Ranking.NdcgScore([-1.0, 2.0], [0.1, 0.2]), "yTrue", "non-negative");
        Refused(() => Ranking.AveragePrecisionAtK([1, 1, 0], 3, totalRelevant: 1), "totalRelevant", "at least the number");
        Refused(() => Metrics.Auc([0.0], [1.0]), "x", "at least 2 points");
    }
}
