using System.Numerics;

namespace MLPrimer.Evaluation;

/// <summary>A ROC curve: false and true positive rates at decreasing thresholds, as scikit-learn's roc_curve returns them.</summary>
/// <param name="FalsePositiveRate">FP / N for predictions with score &gt;= Thresholds[i] (NaN everywhere when there are no negatives).</param>
/// <param name="TruePositiveRate">TP / P for predictions with score &gt;= Thresholds[i] (NaN everywhere when there are no positives).</param>
/// <param name="Thresholds">Decreasing thresholds; the first is +infinity, giving the (0, 0) point.</param>
public sealed record RocCurveResult(double[] FalsePositiveRate, double[] TruePositiveRate, double[] Thresholds)
{
    /// <summary>Number of points on the curve.</summary>
    public int Count => Thresholds.Length;
}

/// <summary>A precision-recall curve at increasing thresholds, as scikit-learn's precision_recall_curve returns it.</summary>
/// <param name="Precision">Precision of predictions with score &gt;= Thresholds[i]; the extra last entry is 1.</param>
/// <param name="Recall">Recall of predictions with score &gt;= Thresholds[i] (decreasing); the extra last entry is 0.</param>
/// <param name="Thresholds">The distinct scores, increasing (one entry fewer than Precision and Recall).</param>
public sealed record PrecisionRecallCurveResult(double[] Precision, double[] Recall, double[] Thresholds);

public static partial class Metrics
{
    /// <summary>Area under the ROC curve (scikit-learn's roc_auc_score, binary); tied scores count one half.</summary>
    public static double RocAuc(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yScore) =>
        RocAucCore(ThresholdSweep.Prepare(yTrue, yScore));

    /// <summary>Area under the ROC curve for float scores; same result as widening them to double.</summary>
    public static double RocAuc(ReadOnlySpan<int> yTrue, ReadOnlySpan<float> yScore) =>
        RocAucCore(ThresholdSweep.Prepare(yTrue, yScore));

    /// <summary>Average precision, sum over thresholds of (R_n - R_{n-1}) P_n (scikit-learn's average_precision_score).</summary>
    public static double AveragePrecision(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yScore) =>
        AveragePrecisionCore(ThresholdSweep.Prepare(yTrue, yScore));

    /// <summary>Average precision for float scores; same result as widening them to double.</summary>
    public static double AveragePrecision(ReadOnlySpan<int> yTrue, ReadOnlySpan<float> yScore) =>
        AveragePrecisionCore(ThresholdSweep.Prepare(yTrue, yScore));

    /// <summary>ROC curve (scikit-learn's roc_curve): a leading (0, 0) point at threshold +infinity, then one point per kept threshold.</summary>
    public static RocCurveResult RocCurve(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yScore, bool dropIntermediate = true) =>
        RocCurveCore<ulong, ThresholdSweep.DoubleKeys>(ThresholdSweep.Prepare(yTrue, yScore), dropIntermediate);

    /// <summary>ROC curve for float scores; thresholds are the float scores widened to double.</summary>
    public static RocCurveResult RocCurve(ReadOnlySpan<int> yTrue, ReadOnlySpan<float> yScore, bool dropIntermediate = true) =>
        RocCurveCore<uint, ThresholdSweep.FloatKeys>(ThresholdSweep.Prepare(yTrue, yScore), dropIntermediate);

    /// <summary>Precision-recall curve (scikit-learn's precision_recall_curve): one point per distinct score plus the final (recall 0, precision 1).</summary>
    public static PrecisionRecallCurveResult PrecisionRecallCurve(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yScore) =>
        PrecisionRecallCore<ulong, ThresholdSweep.DoubleKeys>(ThresholdSweep.Prepare(yTrue, yScore));

    /// <summary>Precision-recall curve for float scores; thresholds are the float scores widened to double.</summary>
    public static PrecisionRecallCurveResult PrecisionRecallCurve(ReadOnlySpan<int> yTrue, ReadOnlySpan<float> yScore) =>
        PrecisionRecallCore<uint, ThresholdSweep.FloatKeys>(ThresholdSweep.Prepare(yTrue, yScore));

    /// <summary>Area under any curve by the trapezoidal rule (scikit-learn's auc); x must be monotonic.</summary>
    public static double Auc(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Guard.SameLength(x.Length, nameof(x), y.Length, nameof(y));
        if (x.Length < 2) throw new ArgumentException($"x must hold at least 2 points (got {x.Length}).", nameof(x));
        Guard.Finite(x, nameof(x));
        Guard.Finite(y, nameof(y));
        bool increasing = true, decreasing = true;
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i] < x[i - 1]) increasing = false;
            if (x[i] > x[i - 1]) decreasing = false;
        }
        if (!increasing && !decreasing)
            throw new ArgumentException("x must be monotonic (all increasing or all decreasing).", nameof(x));
        double area = 0.0;
        for (int i = 1; i < x.Length; i++) area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        return increasing ? area : -area;
    }

    private static double RocAucCore<TKey>(in SortedScores<TKey> scores) where TKey : unmanaged, IBinaryInteger<TKey>
    {
        if (scores.Positives == 0 || scores.Negatives == 0)
            throw new ArgumentException(
                "yTrue holds only one class; ROC AUC is undefined unless both 0 and 1 are present.", "yTrue");
        var sink = new ThresholdSweep.RocAreaSink<TKey>();
        ThresholdSweep.Sweep(scores, ref sink);
        // Trapezoids on the (FP, TP) staircase, in integers, then one division by the area of the unit square.
        return sink.TwiceArea / (2.0 * scores.Positives * scores.Negatives);
    }

    private static double AveragePrecisionCore<TKey>(in SortedScores<TKey> scores) where TKey : unmanaged, IBinaryInteger<TKey>
    {
        // No positives: scikit-learn sets recall to 1 everywhere and the sum collapses to 0 (with a warning).
        if (scores.Positives == 0) return 0.0;
        var sink = new ThresholdSweep.AveragePrecisionSink<TKey>();
        ThresholdSweep.Sweep(scores, ref sink);
        return sink.Sum / scores.Positives;
    }

    private static PrecisionRecallCurveResult PrecisionRecallCore<TKey, TDecoder>(in SortedScores<TKey> scores)
        where TKey : unmanaged, IBinaryInteger<TKey>
        where TDecoder : struct, ThresholdSweep.IKeyDecoder<TKey>
    {
        int m = ThresholdSweep.CountDistinct(scores);
        var sink = new PrecisionRecallSink<TKey, TDecoder>(m, scores.Positives);
        ThresholdSweep.Sweep(scores, ref sink);
        sink.Precision[m] = 1.0;
        sink.Recall[m] = 0.0;
        return new PrecisionRecallCurveResult(sink.Precision, sink.Recall, sink.Thresholds);
    }

    private static RocCurveResult RocCurveCore<TKey, TDecoder>(in SortedScores<TKey> scores, bool dropIntermediate)
        where TKey : unmanaged, IBinaryInteger<TKey>
        where TDecoder : struct, ThresholdSweep.IKeyDecoder<TKey>
    {
        int m = ThresholdSweep.CountDistinct(scores);
        var sink = new RocSink<TKey, TDecoder>(m + 1, scores.Positives, scores.Negatives, dropIntermediate);
        ThresholdSweep.Sweep(scores, ref sink);
        sink.Finish();
        int count = sink.Written;
        double[] fpr = sink.Fpr, tpr = sink.Tpr, thresholds = sink.Thresholds;
        if (count < fpr.Length)
        {
            Array.Resize(ref fpr, count);
            Array.Resize(ref tpr, count);
            Array.Resize(ref thresholds, count);
        }
        return new RocCurveResult(fpr, tpr, thresholds);
    }

    /// <summary>Writes the PR curve straight into its output arrays, filling them from the end (the curve is reported by increasing threshold).</summary>
    private struct PrecisionRecallSink<TKey, TDecoder> : IThresholdSink<TKey>
        where TDecoder : struct, ThresholdSweep.IKeyDecoder<TKey>
    {
        internal readonly double[] Precision, Recall, Thresholds;
        private readonly double _positives;
        private int _next;

        internal PrecisionRecallSink(int distinct, int positives)
        {
            Precision = GC.AllocateUninitializedArray<double>(distinct + 1);
            Recall = GC.AllocateUninitializedArray<double>(distinct + 1);
            Thresholds = GC.AllocateUninitializedArray<double>(distinct);
            _positives = positives;
            _next = distinct - 1;
        }

        public void Add(TKey key, long truePositives, long falsePositives)
        {
            Precision[_next] = (double)truePositives / (truePositives + falsePositives);
            // No positives at all: scikit-learn reports recall 1 at every threshold.
            Recall[_next] = _positives == 0 ? 1.0 : truePositives / _positives;
            Thresholds[_next] = TDecoder.Decode(key);
            _next--;
        }
    }

    /// <summary>
    /// Writes the ROC curve, dropping a point when both FP and TP have zero second difference there (the point is
    /// collinear with its neighbours), exactly like scikit-learn's drop_intermediate; decided one point late.
    /// </summary>
    private struct RocSink<TKey, TDecoder> : IThresholdSink<TKey>
        where TDecoder : struct, ThresholdSweep.IKeyDecoder<TKey>
    {
        internal readonly double[] Fpr, Tpr, Thresholds;
        internal int Written;
        private readonly double _positives, _negatives;
        private readonly bool _drop;
        private int _seen;
        private long _prevTp, _prevFp;            // the point before the pending one (original, kept or not)
        private long _pendTp, _pendFp;            // the pending point, whose fate waits on its successor
        private TKey _pendKey;

        internal RocSink(int capacity, int positives, int negatives, bool dropIntermediate)
        {
            Fpr = GC.AllocateUninitializedArray<double>(capacity);
            Tpr = GC.AllocateUninitializedArray<double>(capacity);
            Thresholds = GC.AllocateUninitializedArray<double>(capacity);
            _positives = positives;
            _negatives = negatives;
            _drop = dropIntermediate;
            _pendKey = default!;
            Write(0, 0, double.PositiveInfinity);
        }

        public void Add(TKey key, long truePositives, long falsePositives)
        {
            if (_seen > 0)
            {
                bool first = _seen == 1;
                bool corner = falsePositives - 2 * _pendFp + _prevFp != 0 || truePositives - 2 * _pendTp + _prevTp != 0;
                if (!_drop || first || corner) Write(_pendTp, _pendFp, TDecoder.Decode(_pendKey));
                _prevTp = _pendTp;
                _prevFp = _pendFp;
            }
            _pendKey = key;
            _pendTp = truePositives;
            _pendFp = falsePositives;
            _seen++;
        }

        /// <summary>The last point is always kept.</summary>
        internal void Finish()
        {
            if (_seen > 0) Write(_pendTp, _pendFp, TDecoder.Decode(_pendKey));
        }

        private void Write(long tp, long fp, double threshold)
        {
            Fpr[Written] = _negatives == 0 ? double.NaN : fp / _negatives;
            Tpr[Written] = _positives == 0 ? double.NaN : tp / _positives;
            Thresholds[Written] = threshold;
            Written++;
        }
    }
}
