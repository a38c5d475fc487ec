using System.Text;

namespace MLPrimer.Evaluation;

/// <summary>How <see cref="ConfusionMatrix.Normalize"/> scales the counts (scikit-learn's <c>normalize</c>).</summary>
public enum ConfusionMatrixNormalization
{
    /// <summary>Divide each row by its sum: each row shows where the samples of one true class went.</summary>
    True,

    /// <summary>Divide each column by its sum: each column shows what one predicted class really was.</summary>
    Pred,

    /// <summary>Divide every cell by the number of samples.</summary>
    All,
}

/// <summary>Counts of (true label, predicted label) pairs; rows are true classes, columns predicted classes, as in scikit-learn.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    internal ConfusionMatrix(int[] labels, int[,] counts)
    {
        Labels = labels;
        _counts = counts;
    }

    /// <summary>The class labels in row/column order (sorted, unless the caller passed an order).</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Number of classes (rows and columns).</summary>
    public int NumClasses => Labels.Count;

    /// <summary>Count of samples whose true label is Labels[trueIndex] and predicted label Labels[predictedIndex].</summary>
    public int this[int trueIndex, int predictedIndex] => _counts[trueIndex, predictedIndex];

    /// <summary>Count for a (true label, predicted label) pair given as labels; 0 when a label is not in <see cref="Labels"/>.</summary>
    public int Count(int trueLabel, int predictedLabel)
    {
        int t = IndexOfLabel(trueLabel), p = IndexOfLabel(predictedLabel);
        return t < 0 || p < 0 ? 0 : _counts[t, p];
    }

    /// <summary>Binary only: samples with true 0 predicted 0.</summary>
    public int TrueNegatives => BinaryCell(0, 0);

    /// <summary>Binary only: samples with true 0 predicted 1.</summary>
    public int FalsePositives => BinaryCell(0, 1);

    /// <summary>Binary only: samples with true 1 predicted 0.</summary>
    public int FalseNegatives => BinaryCell(1, 0);

    /// <summary>Binary only: samples with true 1 predicted 1.</summary>
    public int TruePositives => BinaryCell(1, 1);

    /// <summary>A copy of the counts as a [true, predicted] array.</summary>
    public int[,] ToArray() => (int[,])_counts.Clone();

    /// <summary>The counts divided by row sums, column sums or the total; an all-zero row or column stays 0.</summary>
    public double[,] Normalize(ConfusionMatrixNormalization normalization)
    {
        int k = NumClasses;
        var result = new double[k, k];
        var rowSums = new long[k];
        var colSums = new long[k];
        long total = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                rowSums[i] += _counts[i, j];
                colSums[j] += _counts[i, j];
                total += _counts[i, j];
            }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                long d = normalization switch
                {
                    ConfusionMatrixNormalization.True => rowSums[i],
                    ConfusionMatrixNormalization.Pred => colSums[j],
                    ConfusionMatrixNormalization.All => total,
                    _ => throw new ArgumentException($"Unknown normalization {normalization}.", nameof(normalization)),
                };
                result[i, j] = d == 0 ? 0.0 : (double)_counts[i, j] / d;
            }
        return result;
    }

    /// <summary>The matrix as aligned text, true labels down the side and predicted labels across the top.</summary>
    public override string ToString()
    {
        int k = NumClasses;
        int width = 4;
        foreach (int label in Labels) width = Math.Max(width, label.ToString().Length);
        foreach (int c in _counts) width = Math.Max(width, c.ToString().Length);
        var sb = new StringBuilder();
        sb.Append("true\\pred".PadLeft(width + 5));
        foreach (int label in Labels) sb.Append(' ').Append(label.ToString().PadLeft(width));
        sb.AppendLine();
        for (int i = 0; i < k; i++)
        {
            sb.Append(Labels[i].ToString().PadLeft(width + 5));
            for (int j = 0; j < k; j++) sb.Append(' ').Append(_counts[i, j].ToString().PadLeft(width));
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private int IndexOfLabel(int label)
    {
        for (int i = 0; i < Labels.Count; i++) if (Labels[i] == label) return i;
        return -1;
    }

    private int BinaryCell(int trueLabel, int predictedLabel)
    {
        foreach (int label in Labels)
            if (label is not (0 or 1))
                throw new InvalidOperationException(
                    "TrueNegatives/FalsePositives/FalseNegatives/TruePositives need a binary matrix over the labels 0 and 1.");
        return Count(trueLabel, predictedLabel);
    }
}

public static partial class Metrics
{
    /// <summary>Confusion matrix over the sorted union of labels, or over <paramref name="labels"/> in that order (other samples are ignored).</summary>
    public static ConfusionMatrix ConfusionMatrix(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred, IReadOnlyList<int>? labels = null)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yPred.Length, nameof(yPred));
        LabelSet set;
        if (labels is null)
        {
            set = LabelSet.Union(yTrue, yPred);
        }
        else
        {
            if (labels.Count == 0) throw new ArgumentException("labels must not be empty when given.", nameof(labels));
            set = LabelSet.FromOrdered(labels, nameof(labels));
            bool any = false;
            foreach (int y in yTrue)
                if (set.IndexOf(y) >= 0) { any = true; break; }
            if (!any) throw new ArgumentException("At least one of labels must occur in yTrue.", nameof(labels));
        }
        int k = set.Count;
        var counts = new int[k, k];
        for (int i = 0; i < yTrue.Length; i++)
        {
            int t = set.IndexOf(yTrue[i]), p = set.IndexOf(yPred[i]);
            if (t >= 0 && p >= 0) counts[t, p]++;
        }
        return new ConfusionMatrix(set.Labels, counts);
    }
}
