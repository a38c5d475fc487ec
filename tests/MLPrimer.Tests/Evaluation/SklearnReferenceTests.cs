using System.Text.Json;
using MLPrimer.Evaluation;
using Xunit;
using static MLPrimer.Tests.Evaluation.ReferenceData;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Every metric against values scikit-learn computed on the same inputs (see reference/make_reference.py).</summary>
public class SklearnReferenceTests
{
    [Fact]
    public void ReferenceFileRecordsItsOrigin()
    {
        Assert.Equal("1.2.1", Root.GetProperty("sklearn_version").GetString());
    }

    // ---- Classification ---------------------------------------------------------------------------------------------

    public static TheoryData<string> ClassificationCases => Names("classification");

    [Theory]
    [MemberData(nameof(ClassificationCases))]
    public void Classification(string name)
    {
        var c = Case("classification", name);
        int[] y = Ints(c.GetProperty("y_true")), p = Ints(c.GetProperty("y_pred"));
        int[] labels = Ints(c.GetProperty("labels"));

        Close.Equal(Number(c.GetProperty("accuracy")), Metrics.AccuracyScore(y, p), "accuracy");

        var cm = Metrics.ConfusionMatrix(y, p);
        Assert.Equal(labels, cm.Labels);
        var expectedCm = c.GetProperty("confusion_matrix").EnumerateArray().Select(Ints).ToArray();
        for (int i = 0; i < labels.Length; i++)
            for (int j = 0; j < labels.Length; j++)
                Assert.Equal(expectedCm[i][j], cm[i, j]);

        var perClass = Metrics.PrecisionRecallFScoreSupport(y, p);
        var pc = c.GetProperty("per_class");
        Assert.Equal(labels, perClass.Labels);
        Close.Equal(Doubles(pc.GetProperty("precision")), perClass.Precision, "per-class precision");
        Close.Equal(Doubles(pc.GetProperty("recall")), perClass.Recall, "per-class recall");
        Close.Equal(Doubles(pc.GetProperty("f1")), perClass.FScore, "per-class f1");
        Assert.Equal(Ints(pc.GetProperty("support")), perClass.Support);

        var perClass2 = Metrics.PrecisionRecallFScoreSupport(y, p, beta: 2.0);
        Close.Equal(Doubles(c.GetProperty("per_class_beta2").GetProperty("fbeta")), perClass2.FScore, "per-class f2");

        foreach (var avg in c.GetProperty("averages").EnumerateObject())
        {
            var average = avg.Name switch
            {
                "binary" => Average.Binary,
                "micro" => Average.Micro,
                "macro" => Average.Macro,
                "weighted" => Average.Weighted,
                _ => throw new InvalidDataException(avg.Name),
            };
            foreach (var zd in avg.Value.EnumerateObject())
            {
                double zero = zd.Name == "zd1" ? 1.0 : 0.0;
                var e = zd.Value;
                string at = $"{avg.Name}/{zd.Name}";
                Close.Equal(Number(e.GetProperty("precision")), Metrics.PrecisionScore(y, p, average, zero), $"{at} precision");
                Close.Equal(Number(e.GetProperty("recall")), Metrics.RecallScore(y, p, average, zero), $"{at} recall");
                Close.Equal(Number(e.GetProperty("f1")), Metrics.F1Score(y, p, average, zero), $"{at} f1");
                Close.Equal(Number(e.GetProperty("f0.5")), Metrics.FBetaScore(y, p, 0.5, average, zero), $"{at} f0.5");
                Close.Equal(Number(e.GetProperty("f2")), Metrics.FBetaScore(y, p, 2.0, average, zero), $"{at} f2");
            }
        }
    }

    // ---- Curves, ROC AUC, average precision ------------------------------------------------------------------------

    public static TheoryData<string> CurveCases => Names("curves");

    [Theory]
    [MemberData(nameof(CurveCases))]
    public void Curves(string name)
    {
        var c = Case("curves", name);
        int[] y = Ints(c.GetProperty("y_true"));
        double[] s = Doubles(c.GetProperty("y_score"));

        CheckRoc(c.GetProperty("roc"), Metrics.RocCurve(y, s), "roc");
        CheckRoc(c.GetProperty("roc_all"), Metrics.RocCurve(y, s, dropIntermediate: false), "roc (drop_intermediate=False)");

        var pr = Metrics.PrecisionRecallCurve(y, s);
        var epr = c.GetProperty("pr");
        // Curve points are plain count ratios, so they match scikit-learn exactly.
        Close.Equal(Doubles(epr.GetProperty("precision")), pr.Precision, "precision", 0);
        Close.Equal(Doubles(epr.GetProperty("recall")), pr.Recall, "recall", 0);
        Close.Equal(Doubles(epr.GetProperty("thresholds")), pr.Thresholds, "pr thresholds", 0);

        Close.Equal(Number(c.GetProperty("average_precision")), Metrics.AveragePrecision(y, s), "average precision");

        var auc = c.GetProperty("roc_auc");
        if (IsError(auc))
            Assert.Throws<ArgumentException>(() => Metrics.RocAuc(y, s));
        else
            Close.Equal(Number(auc), Metrics.RocAuc(y, s), "roc auc");
    }

    private static void CheckRoc(JsonElement expected, RocCurveResult actual, string what)
    {
        Close.Equal(Doubles(expected.GetProperty("fpr")), actual.FalsePositiveRate, $"{what} fpr", 0);
        Close.Equal(Doubles(expected.GetProperty("tpr")), actual.TruePositiveRate, $"{what} tpr", 0);
        var thresholds = Doubles(expected.GetProperty("thresholds"));
        // scikit-learn 1.2 starts with max(score) + 1; 1.3 and later (and MLPrimer) with +infinity.
        Assert.Equal(double.PositiveInfinity, actual.Thresholds[0]);
        Close.Equal(thresholds.AsSpan(1), actual.Thresholds.AsSpan(1), $"{what} thresholds", 0);
    }

    [Theory]
    [MemberData(nameof(CurveCases))]
    public void FloatScoresGiveTheSameCurvesAsTheirDoubleWidening(string name)
    {
        var c = Case("curves", name);
        int[] y = Ints(c.GetProperty("y_true"));
        float[] f = Doubles(c.GetProperty("y_score")).Select(v => (float)v).ToArray();
        double[] d = f.Select(v => (double)v).ToArray();

        var (fpr1, tpr1, t1) = Metrics.RocCurve(y, f);
        var (fpr2, tpr2, t2) = Metrics.RocCurve(y, d);
        Assert.Equal(fpr2, fpr1);
        Assert.Equal(tpr2, tpr1);
        Assert.Equal(t2, t1);
        var (p1, r1, pt1) = Metrics.PrecisionRecallCurve(y, f);
        var (p2, r2, pt2) = Metrics.PrecisionRecallCurve(y, d);
        Assert.Equal(p2, p1);
        Assert.Equal(r2, r1);
        Assert.Equal(pt2, pt1);
        Assert.Equal(Metrics.AveragePrecision(y, d), Metrics.AveragePrecision(y, f));
        if (y.Distinct().Count() == 2) Assert.Equal(Metrics.RocAuc(y, d), Metrics.RocAuc(y, f));
    }

    // ---- Probabilistic losses ----------------------------------------------------------------------------------------

    public static TheoryData<string> ProbabilisticCases => Names("probabilistic");

    [Theory]
    [MemberData(nameof(ProbabilisticCases))]
    public void LogLossAndBrier(string name)
    {
        var c = Case("probabilistic", name);
        int[] y = Ints(c.GetProperty("y_true"));
        double[] p = Doubles(c.GetProperty("y_prob"));
        Close.Equal(Number(c.GetProperty("log_loss")), Metrics.LogLoss(y, p), "log loss");
        Close.Equal(Number(c.GetProperty("log_loss_eps_1e-7")), Metrics.LogLoss(y, p, eps: 1e-7), "log loss eps=1e-7");
        Close.Equal(Number(c.GetProperty("brier")), Metrics.BrierScore(y, p), "brier");
        // scikit-learn refuses a one-class y_true unless told labels=[0, 1]; binary 0/1 labels make that implicit here.
        if (c.TryGetProperty("log_loss_without_labels", out var refused)) Assert.True(IsError(refused));
    }

    public static TheoryData<string> MulticlassLogLossCases => Names("multiclass_log_loss");

    [Theory]
    [MemberData(nameof(MulticlassLogLossCases))]
    public void MulticlassLogLoss(string name)
    {
        var c = Case("multiclass_log_loss", name);
        int k = c.GetProperty("k").GetInt32();
        int[] y = Ints(c.GetProperty("y_true"));
        double[] p = Doubles(c.GetProperty("probabilities"));
        // make_reference.py scales row 2 by 1.7 to show scikit-learn 1.2 renormalising it; the library now refuses such a row.
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => Metrics.LogLoss(y, p, k)).ParamName);
        // The other rows are distributions: their mean loss is scikit-learn's total less row 2's term, -ln(p_y / row sum).
        var row2 = p.AsSpan(2 * k, k).ToArray();
        double row2Loss = -Math.Log(Math.Clamp(row2[y[2]], Metrics.LogLossEpsilon, 1 - Metrics.LogLossEpsilon) /
                                    row2.Sum(v => Math.Clamp(v, Metrics.LogLossEpsilon, 1 - Metrics.LogLossEpsilon)));
        int[] yRest = [.. y[..2], .. y[3..]];
        double[] pRest = [.. p[..(2 * k)], .. p[(3 * k)..]];
        double expected = (Number(c.GetProperty("log_loss")) * y.Length - row2Loss) / (y.Length - 1);
        Close.Equal(expected, Metrics.LogLoss(yRest, pRest, k), "multiclass log loss");
    }

    // ---- Calibration -------------------------------------------------------------------------------------------------

    public static TheoryData<string> CalibrationCases => Names("calibration");

    [Theory]
    [MemberData(nameof(CalibrationCases))]
    public void Calibration(string name)
    {
        var c = Case("calibration", name);
        int[] y = Ints(c.GetProperty("y_true"));
        double[] p = Doubles(c.GetProperty("y_prob"));
        foreach (var curve in c.GetProperty("curves").EnumerateArray())
        {
            var strategy = curve.GetProperty("strategy").GetString() == "quantile" ? CalibrationStrategy.Quantile : CalibrationStrategy.Uniform;
            int bins = curve.GetProperty("n_bins").GetInt32();
            string at = $"{strategy}/{bins}";
            var actual = Metrics.CalibrationCurve(y, p, bins, strategy);
            Assert.Equal(Ints(curve.GetProperty("counts")), actual.Counts);
            Close.Equal(Doubles(curve.GetProperty("prob_true")), actual.ProbTrue, $"{at} prob_true");
            Close.Equal(Doubles(curve.GetProperty("prob_pred")), actual.ProbPred, $"{at} prob_pred");
            Close.Equal(Number(curve.GetProperty("ece")), Metrics.ExpectedCalibrationError(y, p, bins, strategy), $"{at} ece");
            Close.Equal(Number(curve.GetProperty("mce")), Metrics.MaximumCalibrationError(y, p, bins, strategy), $"{at} mce");
        }
    }

    // ---- Ranking -----------------------------------------------------------------------------------------------------

    public static TheoryData<string> NdcgCases => Names("ndcg");

    [Theory]
    [MemberData(nameof(NdcgCases))]
    public void NdcgAndDcg(string name)
    {
        var c = Case("ndcg", name);
        double[][] yTrue = Matrix(c.GetProperty("y_true")), yScore = Matrix(c.GetProperty("y_score"));
        foreach (var r in c.GetProperty("results").EnumerateArray())
        {
            int? k = r.GetProperty("k").ValueKind == JsonValueKind.Null ? null : r.GetProperty("k").GetInt32();
            bool ignoreTies = r.GetProperty("ignore_ties").GetBoolean();
            string at = $"k={k?.ToString() ?? "None"} ignore_ties={ignoreTies}";
            Close.Equal(Number(r.GetProperty("ndcg")), Ranking.NdcgScore(yTrue, yScore, k, ignoreTies), $"{at} ndcg");
            Close.Equal(Number(r.GetProperty("dcg")), Ranking.DcgScore(yTrue, yScore, k, ignoreTies), $"{at} dcg");
            double[] perQueryNdcg = Doubles(r.GetProperty("ndcg_per_query")), perQueryDcg = Doubles(r.GetProperty("dcg_per_query"));
            for (int q = 0; q < yTrue.Length; q++)
            {
                Close.Equal(perQueryNdcg[q], Ranking.NdcgScore(yTrue[q], yScore[q], k, ignoreTies), $"{at} ndcg query {q}");
                Close.Equal(perQueryDcg[q], Ranking.DcgScore(yTrue[q], yScore[q], k, ignoreTies), $"{at} dcg query {q}");
            }
        }
    }

    [Fact]
    public void AveragePrecisionPerQueryAndMap()
    {
        var map = Section("map");
        var recommended = new List<IReadOnlyList<int>>();
        var relevant = new List<IEnumerable<int>>();
        int longest = 0;
        foreach (var q in map.GetProperty("queries").EnumerateArray())
        {
            int[] ranked = Ints(q.GetProperty("ranked_items")), rel = Ints(q.GetProperty("relevant_items"));
            int[] y = Ints(q.GetProperty("y_true"));
            double[] s = Doubles(q.GetProperty("y_score"));
            double expected = Number(q.GetProperty("average_precision"));
            int n = ranked.Length;
            longest = Math.Max(longest, n);

            // With a full ranking and no tied scores, AP@n normalised by the relevant count is scikit-learn's AP.
            Close.Equal(expected, Ranking.AveragePrecisionAtK(ranked, rel, n, AveragePrecisionNormalization.Relevant), "AP@n item list");
            int[] flags = ranked.Select(i => y[i]).ToArray();
            Close.Equal(expected, Ranking.AveragePrecisionAtK(flags, n, AveragePrecisionNormalization.Relevant), "AP@n flags");
            Close.Equal(expected, Metrics.AveragePrecision(y, s), "AP from scores");
            // k >= n: min(k, relevant) = relevant, so the common definition agrees too.
            Close.Equal(expected, Ranking.AveragePrecisionAtK(ranked, rel, n + 10), "AP@(n+10) MinKRelevant");

            foreach (var kv in q.GetProperty("ndcg_binary").EnumerateObject())
            {
                int k = int.Parse(kv.Name);
                Close.Equal(Number(kv.Value), Ranking.NdcgAtK(ranked, rel, k), $"binary NDCG@{k}");
            }
            recommended.Add(ranked);
            relevant.Add(rel);
        }
        Close.Equal(Number(map.GetProperty("map")),
            Ranking.MeanAveragePrecisionAtK(recommended, relevant, longest, AveragePrecisionNormalization.Relevant), "MAP");
    }

    // ---- Inputs scikit-learn refuses ---------------------------------------------------------------------------------

    public static TheoryData<int> ErrorCases
    {
        get
        {
            var data = new TheoryData<int>();
            for (int i = 0; i < Section("errors").GetArrayLength(); i++) data.Add(i);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void RefusesWhatScikitLearnRefuses(int index)
    {
        var e = Section("errors")[index];
        string metric = e.GetProperty("metric").GetString()!;
        if (metric == "ndcg")
        {
            var yt = Matrix(e.GetProperty("y"));
            var ys = Matrix(e.GetProperty("s"));
            Assert.ThrowsAny<ArgumentException>(() => Ranking.NdcgScore(yt, ys));
            return;
        }
        int[] y = Ints(e.GetProperty("y"));
        double[] s = Doubles(e.GetProperty("s"));
        Action call = metric switch
        {
            "roc_auc" => () => Metrics.RocAuc(y, s),
            "average_precision" => () => Metrics.AveragePrecision(y, s),
            "roc_curve" => () => Metrics.RocCurve(y, s),
            "precision_recall_curve" => () => Metrics.PrecisionRecallCurve(y, s),
            "log_loss" => () => Metrics.LogLoss(y, s),
            "brier" => () => Metrics.BrierScore(y, s),
            "precision" => () => Metrics.PrecisionScore(y, s.Select(v => (int)v).ToArray()),
            "calibration_curve" => () => Metrics.CalibrationCurve(y, s),
            _ => throw new InvalidDataException(metric),
        };
        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.False(string.IsNullOrEmpty(ex.ParamName), $"{metric}: the exception should name the parameter");
    }
}
