using MLPrimer.Evaluation;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Ranking metrics on the primer's worked example and other hand-computed lists.</summary>
public class RankingMetricsTests
{
    private const double Eps = 1e-12;

    // The primer's example (Offline Evaluation -> Metrics): recommended M1..M5, relevant M1, M4, M6.
    private static readonly string[] Recommended = ["M1", "M2", "M3", "M4", "M5"];
    private static readonly string[] Relevant = ["M1", "M4", "M6"];

    [Theory]
    [InlineData(1, 1.0)]          // M1 relevant: 1/1
    [InlineData(2, 0.5)]          // 1/2
    [InlineData(3, 1.0 / 3)]      // 1/3 (the primer rounds to 0.33)
    [InlineData(4, 0.5)]          // M1, M4: 2/4
    [InlineData(5, 0.4)]          // 2/5
    [InlineData(10, 0.2)]         // k past the list: missing positions are misses, 2/10
    public void PrecisionAtKOfThePrimerExample(int k, double expected)
    {
        Assert.Equal(expected, Ranking.PrecisionAtK(Recommended, Relevant, k), Eps);
        Assert.Equal(expected, Ranking.PrecisionAtK([1, 0, 0, 1, 0], k), Eps);
    }

    [Fact]
    public void AveragePrecisionAtFiveThePrimersWay()
    {
        // Primer: AP@5 = (1/2) · (P(1)·1 + P(4)·1) = (1/2) · (1.0 + 0.5) = 0.75, dividing by the 2 relevant items retrieved.
        Assert.Equal(0.75, Ranking.AveragePrecisionAtK(Recommended, Relevant, 5, AveragePrecisionNormalization.RetrievedRelevant), Eps);
        Assert.Equal(0.75, Ranking.AveragePrecisionAtK([1, 0, 0, 1, 0], 5, AveragePrecisionNormalization.RetrievedRelevant), Eps);
    }

    [Fact]
    public void AveragePrecisionAtFiveTheCommonWays()
    {
        // Common AP@k divides the same sum 1.5 by min(k, |relevant|) = min(5, 3) = 3 -> 0.5: missing M6 is penalised.
        Assert.Equal(0.5, Ranking.AveragePrecisionAtK(Recommended, Relevant, 5), Eps);
        // TREC-style divides by |relevant| = 3 -> 0.5 as well here.
        Assert.Equal(0.5, Ranking.AveragePrecisionAtK(Recommended, Relevant, 5, AveragePrecisionNormalization.Relevant), Eps);
        // Flags only know the relevant items they contain, so pass the total (M6 is relevant but unranked).
        Assert.Equal(0.5, Ranking.AveragePrecisionAtK([1, 0, 0, 1, 0], 5, totalRelevant: 3), Eps);
        // At k = 2 only M1 is in reach: sum = 1; min(2, 3) = 2 -> 0.5; |relevant| = 3 -> 1/3; retrieved = 1 -> 1.
        Assert.Equal(0.5, Ranking.AveragePrecisionAtK(Recommended, Relevant, 2), Eps);
        Assert.Equal(1.0 / 3, Ranking.AveragePrecisionAtK(Recommended, Relevant, 2, AveragePrecisionNormalization.Relevant), Eps);
        Assert.Equal(1.0, Ranking.AveragePrecisionAtK(Recommended, Relevant, 2, AveragePrecisionNormalization.RetrievedRelevant), Eps);
    }

    [Fact]
    public void RecallReciprocalRankAndNdcgOfThePrimerExample()
    {
        // Recall@5 = 2 of the 3 relevant items.
        Assert.Equal(2.0 / 3, Ranking.RecallAtK(Recommended, Relevant, 5), Eps);
        // The first recommendation is relevant: RR = 1/1.
        Assert.Equal(1.0, Ranking.ReciprocalRank(Recommended, Relevant));
        // NDCG@5 = (1/log2 2 + 1/log2 5) / (1/log2 2 + 1/log2 3 + 1/log2 4) = 1.4306766 / 2.1309298 = 0.6713860
        double dcg = 1 + 1 / Math.Log2(5), ideal = 1 + 1 / Math.Log2(3) + 0.5;
        Assert.Equal(dcg / ideal, Ranking.NdcgAtK(Recommended, Relevant, 5), Eps);
        Assert.Equal(0.671386, Ranking.NdcgAtK(Recommended, Relevant, 5), 6);
    }

    [Fact]
    public void MeanOverQueries()
    {
        string[][] recs = [Recommended, ["M2", "M3", "M4"]];
        string[][] rels = [Relevant, ["M4"]];
        // RR: query 1 -> 1, query 2 -> M4 at position 3 -> 1/3; MRR = (1 + 1/3) / 2 = 2/3.
        Assert.Equal(2.0 / 3, Ranking.MeanReciprocalRank(recs, rels), Eps);
        // Within the top 2, query 2 has no hit: MRR@2 = (1 + 0) / 2.
        Assert.Equal(0.5, Ranking.MeanReciprocalRank(recs, rels, 2), Eps);
        // AP@3 (min(k, |rel|)): query 1 -> 1 / min(3, 3) = 1/3; query 2 -> (1/3) / min(3, 1) = 1/3; MAP = 1/3.
        Assert.Equal(1.0 / 3, Ranking.MeanAveragePrecisionAtK(recs, rels, 3), Eps);
        // The primer's normalisation: query 1 -> 1/1, query 2 -> (1/3)/1; MAP = 2/3.
        Assert.Equal(2.0 / 3, Ranking.MeanAveragePrecisionAtK(recs, rels, 3, AveragePrecisionNormalization.RetrievedRelevant), Eps);
    }

    [Fact]
    public void RepeatedRecommendationsCountOnceAndEmptyCasesScoreZero()
    {
        // M1 twice: the second one is not a new hit -> hits at positions 1 and 3 -> P@3 = 2/3.
        Assert.Equal(2.0 / 3, Ranking.PrecisionAtK(["M1", "M1", "M4"], Relevant, 3), Eps);
        // Nothing relevant: every metric is 0 (no division by zero).
        Assert.Equal(0.0, Ranking.AveragePrecisionAtK(Recommended, Array.Empty<string>(), 5));
        Assert.Equal(0.0, Ranking.RecallAtK(Recommended, Array.Empty<string>(), 5));
        Assert.Equal(0.0, Ranking.NdcgAtK(Recommended, Array.Empty<string>(), 5));
        // No recommendations at all.
        Assert.Equal(0.0, Ranking.PrecisionAtK(Array.Empty<string>(), Relevant, 3));
        Assert.Equal(0.0, Ranking.ReciprocalRank(Array.Empty<string>(), Relevant));
        // Relevant items that were never retrieved: the primer's normalisation has nothing to divide by.
        Assert.Equal(0.0, Ranking.AveragePrecisionAtK(["M2"], Relevant, 1, AveragePrecisionNormalization.RetrievedRelevant));
    }

    [Fact]
    public void NdcgScoreOfTheScikitLearnDocExample()
    {
        double[] gains = [10, 0, 0, 1, 5];
        double[] scores = [0.1, 0.2, 0.3, 4, 70];
        // Ranked gains 5, 1, 0, 0, 10: DCG = 5/1 + 1/log2 3 + 10/log2 6 = 9.4994593
        // Ideal gains 10, 5, 1, 0, 0: IDCG = 10 + 5/log2 3 + 1/log2 4 = 13.6546488; NDCG = 0.6956940
        double dcg = 5 + 1 / Math.Log2(3) + 10 / Math.Log2(6), ideal = 10 + 5 / Math.Log2(3) + 0.5;
        Assert.Equal(dcg, Ranking.DcgScore(gains, scores), 1e-12);
        Assert.Equal(dcg / ideal, Ranking.NdcgScore(gains, scores), 1e-12);

        double[] tiedScores = [1, 0, 0, 0, 1];
        // k = 1 with the top two tied: the top slot gets their mean gain (10 + 5)/2 = 7.5; ideal top gain 10 -> 0.75.
        Assert.Equal(0.75, Ranking.NdcgScore(gains, tiedScores, k: 1), Eps);
        // ignoreTies breaks ties like numpy's reversed argsort, last index first (gain 5): 5/10 = 0.5, as scikit-learn's
        // docstring shows; it is meant for scores without ties.
        Assert.Equal(0.5, Ranking.NdcgScore(gains, tiedScores, k: 1, ignoreTies: true), Eps);
    }

    [Fact]
    public void ReciprocalRankFromFlags()
    {
        Assert.Equal(0.25, Ranking.ReciprocalRank([0, 0, 0, 1, 1]), Eps);
        Assert.Equal(0.0, Ranking.ReciprocalRank([0, 0, 0, 1, 1], k: 3));
        // One hit in the top 3, five relevant items in all (three of them unranked): 1/5.
        Assert.Equal(0.2, Ranking.RecallAtK([0, 1, 0, 1, 0], 3, totalRelevant: 5), Eps);
    }
}
