using MLPrimer.Evaluation;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Hand-computed ROC/PR curves, ROC AUC and average precision, plus brute-force cross-checks.</summary>
public class CurveTests
{
    private const double Eps = 1e-12;

    // scikit-learn's docstring example. Scores high to low: 0.8 (pos), 0.4 (neg), 0.35 (pos), 0.1 (neg)
    // cumulative (TP, FP) at each threshold: 0.8 -> (1,0), 0.4 -> (1,1), 0.35 -> (2,1), 0.1 -> (2,2)
    private static readonly int[] DocTrue = [0, 0, 1, 1];
    private static readonly double[] DocScore = [0.1, 0.4, 0.35, 0.8];

    [Fact]
    public void RocCurveOfTheDocExample()
    {
        var (fpr, tpr, thresholds) = Metrics.RocCurve(DocTrue, DocScore);
        // (FP/2, TP/2) with the (0, 0) point first; no point is collinear with its neighbours, so all are kept.
        Assert.Equal([0, 0, 0.5, 0.5, 1], fpr);
        Assert.Equal([0, 0.5, 0.5, 1, 1], tpr);
        Assert.Equal([double.PositiveInfinity, 0.8, 0.4, 0.35, 0.1], thresholds);
    }

    [Fact]
    public void PrecisionRecallCurveOfTheDocExample()
    {
        var (precision, recall, thresholds) = Metrics.PrecisionRecallCurve(DocTrue, DocScore);
        // Increasing thresholds 0.1, 0.35, 0.4, 0.8: precision TP/(TP+FP) = 2/4, 2/3, 1/2, 1/1, then the final 1;
        // recall TP/2 = 1, 1, 0.5, 0.5, then the final 0.
        Assert.Equal([0.5, 2.0 / 3, 0.5, 1, 1], precision);
        Assert.Equal([1, 1, 0.5, 0.5, 0], recall);
        Assert.Equal([0.1, 0.35, 0.4, 0.8], thresholds);
    }

    [Fact]
    public void AucAndAveragePrecisionOfTheDocExample()
    {
        // AUC: of the 2 × 2 (positive, negative) pairs, 0.8 beats both, 0.35 beats 0.1 but not 0.4 -> 3/4.
        Assert.Equal(0.75, Metrics.RocAuc(DocTrue, DocScore), Eps);
        // AP = sum (R_n - R_{n-1}) P_n = 0.5 · 1 (at 0.8) + 0.5 · 2/3 (at 0.35) = 5/6.
        Assert.Equal(5.0 / 6, Metrics.AveragePrecision(DocTrue, DocScore), Eps);
    }

    [Fact]
    public void TiedScoresCountAsHalfAWinAndShareAThreshold()
    {
        int[] y = [1, 0, 1, 0];
        double[] s = [0.5, 0.5, 0.9, 0.1];
        // Pairs: 0.9 beats 0.5 and 0.1; 0.5(pos) ties 0.5(neg) = 1/2 and beats 0.1 -> (1 + 1 + 0.5 + 1) / 4 = 0.875.
        // Trapezoids on (0,0) (0,.5) (.5,1) (1,1): 0 + 0.5 · (0.5 + 1)/2 + 0.5 · 1 = 0.875.
        Assert.Equal(0.875, Metrics.RocAuc(y, s), Eps);
        var roc = Metrics.RocCurve(y, s);
        Assert.Equal([double.PositiveInfinity, 0.9, 0.5, 0.1], roc.Thresholds); // 0.5 appears once
        // AP: at 0.9 recall 1/2 with precision 1; at 0.5 recall 1 with precision 2/3 -> 1/2 + 1/3 = 5/6.
        Assert.Equal(5.0 / 6, Metrics.AveragePrecision(y, s), Eps);
    }

    [Fact]
    public void DropIntermediateRemovesCollinearPoints()
    {
        int[] y = [1, 1, 1, 0];
        double[] s = [0.9, 0.8, 0.7, 0.6];
        // (TP, FP): (1,0) (2,0) (3,0) (3,1). At 0.8 both second differences are 0 (3 - 2·2 + 1, 0 - 0 + 0): dropped.
        var roc = Metrics.RocCurve(y, s);
        Assert.Equal([double.PositiveInfinity, 0.9, 0.7, 0.6], roc.Thresholds);
        Assert.Equal([0, 1.0 / 3, 1, 1], roc.TruePositiveRate);
        Assert.Equal(5, Metrics.RocCurve(y, s, dropIntermediate: false).Count);
    }

    [Fact]
    public void OneClassCurvesAreNaNWhereScikitLearnsAreAndAucThrows()
    {
        int[] negatives = [0, 0, 0];
        double[] s = [0.2, 0.4, 0.4];
        var roc = Metrics.RocCurve(negatives, s);
        Assert.All(roc.TruePositiveRate, v => Assert.True(double.IsNaN(v))); // TP / 0
        Assert.Equal([0, 2.0 / 3, 1], roc.FalsePositiveRate);
        // No positives: recall is 1 at every threshold, precision 0, and AP is 0.
        var pr = Metrics.PrecisionRecallCurve(negatives, s);
        Assert.Equal([1, 1, 0], pr.Recall);
        Assert.Equal(0.0, Metrics.AveragePrecision(negatives, s));
        var ex = Assert.Throws<ArgumentException>(() => Metrics.RocAuc(negatives, s));
        Assert.Equal("yTrue", ex.ParamName);
        Assert.Throws<ArgumentException>(() => Metrics.RocAuc([1, 1], [0.3, 0.1]));
    }

    [Fact]
    public void NegativeZeroAndZeroAreOneThreshold()
    {
        var roc = Metrics.RocCurve([0, 1], [-0.0, 0.0]);
        Assert.Equal(2, roc.Count); // +inf and 0
        Assert.Equal(0.5, Metrics.RocAuc([0, 1], [-0.0, 0.0]));
    }

    [Fact]
    public void TrapezoidAuc()
    {
        // Triangle of base 2, height 1; a decreasing x gives the same (positive) area.
        Assert.Equal(1.0, Metrics.Auc([0, 1, 2], [0, 1, 0]), Eps);
        Assert.Equal(1.0, Metrics.Auc([2, 1, 0], [0, 1, 0]), Eps);
        Assert.Throws<ArgumentException>(() => Metrics.Auc([0, 2, 1], [0, 1, 0]));
        // AUC of the ROC points equals RocAuc.
        var roc = Metrics.RocCurve(DocTrue, DocScore);
        Assert.Equal(Metrics.RocAuc(DocTrue, DocScore), Metrics.Auc(roc.FalsePositiveRate, roc.TruePositiveRate), Eps);
    }

    [Theory]
    [InlineData(1, 50, 3)]
    [InlineData(2, 700, 10)]
    [InlineData(3, 3000, 1000)]
    [InlineData(4, 5000, 1_000_000)]
    public void MatchesBruteForceDefinitions(int seed, int n, int levels)
    {
        var rng = new Random(seed);
        var y = new int[n];
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextDouble() < 0.3 ? 1 : 0;
            s[i] = Math.Round((rng.NextDouble() + 0.3 * y[i]) * levels) / levels - 0.5; // ties when levels is small
        }
        y[0] = 1;
        y[1] = 0;

        // AUC = P(score_pos > score_neg) + P(tie) / 2 over all pairs.
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++)
            if (y[i] == 1)
                for (int j = 0; j < n; j++)
                    if (y[j] == 0)
                    {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
        Assert.Equal(wins / pairs, Metrics.RocAuc(y, s), 1e-12);

        // AP = sum over distinct thresholds t (high to low) of (recall(t) - recall(prev)) · precision(t).
        var thresholds = s.Distinct().OrderDescending().ToArray();
        int positives = y.Sum();
        double ap = 0, previousRecall = 0;
        foreach (double t in thresholds)
        {
            int tp = 0, predicted = 0;
            for (int i = 0; i < n; i++)
                if (s[i] >= t) { predicted++; tp += y[i]; }
            double recall = (double)tp / positives;
            ap += (recall - previousRecall) * tp / predicted;
            previousRecall = recall;
        }
        Assert.Equal(ap, Metrics.AveragePrecision(y, s), 1e-12);

        // The PR curve has one point per distinct score, plus the final one.
        Assert.Equal(thresholds.Length + 1, Metrics.PrecisionRecallCurve(y, s).Precision.Length);
    }
}
