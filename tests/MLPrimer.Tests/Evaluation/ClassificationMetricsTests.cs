using MLPrimer.Evaluation;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Hand-computed classification scores; each test shows its arithmetic.</summary>
public class ClassificationMetricsTests
{
    private const double Eps = 1e-12;

    // TP at 0,1; FN at 2,3; FP at 4; TN at 5..9  =>  TP=2, FN=2, FP=1, TN=5
    private static readonly int[] BinaryTrue = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    private static readonly int[] BinaryPred = [1, 1, 0, 0, 1, 0, 0, 0, 0, 0];

    [Fact]
    public void BinaryScores()
    {
        // precision = 2 / (2 + 1) = 2/3; recall = 2 / (2 + 2) = 1/2
        Assert.Equal(2.0 / 3, Metrics.PrecisionScore(BinaryTrue, BinaryPred), Eps);
        Assert.Equal(0.5, Metrics.RecallScore(BinaryTrue, BinaryPred), Eps);
        // F1 = 2 P R / (P + R) = (2/3) / (7/6) = 4/7
        Assert.Equal(4.0 / 7, Metrics.F1Score(BinaryTrue, BinaryPred), Eps);
        // F2 = 5 P R / (4 P + R) = (5/3) / (8/3 + 1/2) = 10/19
        Assert.Equal(10.0 / 19, Metrics.FBetaScore(BinaryTrue, BinaryPred, 2.0), Eps);
        // accuracy = (TP + TN) / n = 7 / 10
        Assert.Equal(0.7, Metrics.AccuracyScore(BinaryTrue, BinaryPred), Eps);
    }

    [Fact]
    public void AccuracyOverloadsForArraysAndBooleans()
    {
        // 2 of 4 agree (indices 0 and 2)  =>  0.5
        bool[] t = [true, false, true, true], p = [true, true, true, false];
        Assert.Equal(0.5, Metrics.AccuracyScore(t, p), Eps);
        Assert.Equal(0.5, Metrics.AccuracyScore((ReadOnlySpan<bool>)t, p), Eps);
        Assert.Equal(0.7, Metrics.AccuracyScore(BinaryTrue.ToArray(), BinaryPred.ToArray()), Eps);
        Assert.Equal("yPred", Assert.Throws<ArgumentException>(() => Metrics.AccuracyScore(t, [true])).ParamName);
        Assert.Equal("yTrue", Assert.Throws<ArgumentException>(() => Metrics.AccuracyScore(Array.Empty<bool>(), [])).ParamName);
    }

    [Fact]
    public void BinaryConfusionMatrixUnpacksLikeRavel()
    {
        var cm = Metrics.ConfusionMatrix(BinaryTrue, BinaryPred);
        Assert.Equal([0, 1], cm.Labels);
        Assert.Equal((5, 1, 2, 2), (cm.TrueNegatives, cm.FalsePositives, cm.FalseNegatives, cm.TruePositives));
        Assert.Equal(new[,] { { 5, 1 }, { 2, 2 } }, cm.ToArray());
        // Row-normalised: row 0 = [5, 1] / 6, row 1 = [2, 2] / 4
        var rows = cm.Normalize(ConfusionMatrixNormalization.True);
        Assert.Equal(5.0 / 6, rows[0, 0], Eps);
        Assert.Equal(0.5, rows[1, 1], Eps);
        // Column-normalised: column 1 = [1, 2] / 3
        Assert.Equal(2.0 / 3, cm.Normalize(ConfusionMatrixNormalization.Pred)[1, 1], Eps);
        Assert.Equal(0.2, cm.Normalize(ConfusionMatrixNormalization.All)[1, 0], Eps);
        Assert.Contains("true\\pred", cm.ToString());
    }

    // class 0: TP=2 (idx 0,1), predicted 2, true 3  ->  P=1,   R=2/3, F=0.8
    // class 1: TP=1 (idx 3),   predicted 2, true 2  ->  P=1/2, R=1/2, F=1/2
    // class 2: TP=1 (idx 5),   predicted 2, true 1  ->  P=1/2, R=1,   F=2/3
    private static readonly int[] MultiTrue = [0, 0, 0, 1, 1, 2];
    private static readonly int[] MultiPred = [0, 0, 1, 1, 2, 2];

    [Fact]
    public void MulticlassPerClass()
    {
        var s = Metrics.PrecisionRecallFScoreSupport(MultiTrue, MultiPred);
        Assert.Equal([0, 1, 2], s.Labels);
        Assert.Equal([1.0, 0.5, 0.5], s.Precision);
        Assert.Equal(2.0 / 3, s.Recall[0], Eps);
        Assert.Equal(0.8, s.FScore[0], Eps);
        Assert.Equal(2.0 / 3, s.FScore[2], Eps);
        Assert.Equal([3, 2, 1], s.Support);
    }

    [Fact]
    public void MulticlassAverages()
    {
        // macro: plain means.  P = (1 + 1/2 + 1/2) / 3 = 2/3;  R = (2/3 + 1/2 + 1) / 3 = 13/18;  F = (4/5 + 1/2 + 2/3) / 3 = 59/90
        Assert.Equal(2.0 / 3, Metrics.PrecisionScore(MultiTrue, MultiPred, Average.Macro), Eps);
        Assert.Equal(13.0 / 18, Metrics.RecallScore(MultiTrue, MultiPred, Average.Macro), Eps);
        Assert.Equal(59.0 / 90, Metrics.F1Score(MultiTrue, MultiPred, Average.Macro), Eps);
        // weighted by support 3, 2, 1:  P = (3·1 + 2·1/2 + 1·1/2) / 6 = 3/4;  R = (2 + 1 + 1) / 6 = 2/3;
        // F = (3·4/5 + 2·1/2 + 1·2/3) / 6 = (61/15) / 6 = 61/90
        Assert.Equal(0.75, Metrics.PrecisionScore(MultiTrue, MultiPred, Average.Weighted), Eps);
        Assert.Equal(2.0 / 3, Metrics.RecallScore(MultiTrue, MultiPred, Average.Weighted), Eps);
        Assert.Equal(61.0 / 90, Metrics.F1Score(MultiTrue, MultiPred, Average.Weighted), Eps);
        // micro: pooled TP = 4 of 6 predictions and 6 true labels -> P = R = F1 = accuracy = 4/6
        Assert.Equal(4.0 / 6, Metrics.PrecisionScore(MultiTrue, MultiPred, Average.Micro), Eps);
        Assert.Equal(4.0 / 6, Metrics.F1Score(MultiTrue, MultiPred, Average.Micro), Eps);
        Assert.Equal(4.0 / 6, Metrics.AccuracyScore(MultiTrue, MultiPred), Eps);
    }

    [Fact]
    public void ZeroDivisionFollowsScikitLearnDefault()
    {
        int[] y = [1, 0, 1], nothingPredicted = [0, 0, 0];
        // No predicted positives: precision = 0/0 -> 0 by default ("warn"), or the chosen value 1.
        Assert.Equal(0.0, Metrics.PrecisionScore(y, nothingPredicted));
        Assert.Equal(1.0, Metrics.PrecisionScore(y, nothingPredicted, zeroDivision: 1.0));
        // Recall = 0/2 = 0 is well defined; F1 = 2·P·R/(P+R) = 0 in both cases.
        Assert.Equal(0.0, Metrics.RecallScore(y, nothingPredicted));
        Assert.Equal(0.0, Metrics.F1Score(y, nothingPredicted, zeroDivision: 1.0));
        // All negative and all predicted negative: P = R = 0/0; F1 is 1 only with zeroDivision = 1.
        int[] zeros = [0, 0];
        Assert.Equal(0.0, Metrics.F1Score(zeros, zeros));
        Assert.Equal(1.0, Metrics.F1Score(zeros, zeros, zeroDivision: 1.0));
    }

    [Fact]
    public void ConfusionMatrixWithLabelOrderAndUnknownLabels()
    {
        int[] y = [2, 7, 7, 9, 2], p = [2, 2, 7, 7, 5];
        var cm = Metrics.ConfusionMatrix(y, p);
        Assert.Equal([2, 5, 7, 9], cm.Labels); // sorted union
        Assert.Equal(1, cm.Count(7, 2));
        Assert.Equal(1, cm.Count(9, 7));
        Assert.Equal(0, cm.Count(100, 2));
        Assert.Throws<InvalidOperationException>(() => cm.TruePositives);

        // Caller's order; samples with a label outside the list (the 9 and the 5) are ignored.
        var ordered = Metrics.ConfusionMatrix(y, p, [7, 2]);
        Assert.Equal(new[,] { { 1, 1 }, { 0, 1 } }, ordered.ToArray());
    }

    [Fact]
    public void BetaInfinityIsRecallAndBetaZeroIsPrecision()
    {
        Assert.Equal(0.5, Metrics.FBetaScore(BinaryTrue, BinaryPred, double.PositiveInfinity), Eps);
        Assert.Equal(2.0 / 3, Metrics.FBetaScore(BinaryTrue, BinaryPred, 0.0), Eps);
    }
}
