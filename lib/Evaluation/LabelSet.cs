namespace MLPrimer.Evaluation;

/// <summary>A sorted set of integer class labels with a fast label-to-index lookup (dense table when the range is small).</summary>
internal sealed class LabelSet
{
    private readonly int[] _labels;
    private readonly int _offset;
    private readonly int[]? _dense;                  // index + 1, 0 = absent
    private readonly Dictionary<int, int>? _sparse;

    /// <param name="labels">Distinct labels, in the order that defines their indices.</param>
    /// <param name="sorted">True when <paramref name="labels"/> is ascending, which allows the dense table.</param>
    private LabelSet(int[] labels, bool sorted)
    {
        _labels = labels;
        if (labels.Length == 0) return;
        long range = sorted ? (long)labels[^1] - labels[0] + 1 : long.MaxValue;
        if (range <= Math.Max(4096, 4L * labels.Length))
        {
            _offset = labels[0];
            _dense = new int[range];
            for (int i = 0; i < labels.Length; i++) _dense[labels[i] - _offset] = i + 1;
        }
        else
        {
            _sparse = new Dictionary<int, int>(labels.Length);
            for (int i = 0; i < labels.Length; i++) _sparse[labels[i]] = i;
        }
    }

    internal int Count => _labels.Length;
    internal int[] Labels => _labels;

    /// <summary>Position of the label in the sorted set, or -1.</summary>
    internal int IndexOf(int label)
    {
        if (_dense is not null)
        {
            long d = (long)label - _offset;
            return (ulong)d < (ulong)_dense.Length ? _dense[d] - 1 : -1;
        }
        return _sparse!.TryGetValue(label, out int i) ? i : -1;
    }

    /// <summary>Sorted union of the labels in both spans (scikit-learn's unique_labels).</summary>
    internal static LabelSet Union(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int min = int.MaxValue, max = int.MinValue;
        foreach (int v in a) { if (v < min) min = v; if (v > max) max = v; }
        foreach (int v in b) { if (v < min) min = v; if (v > max) max = v; }
        if (min > max) return new LabelSet([], sorted: true);
        long range = (long)max - min + 1;
        if (range <= Math.Max(4096, 2L * (a.Length + b.Length)))
        {
            var seen = new bool[range];
            foreach (int v in a) seen[v - min] = true;
            foreach (int v in b) seen[v - min] = true;
            var list = new List<int>();
            for (int i = 0; i < seen.Length; i++) if (seen[i]) list.Add(min + i);
            return new LabelSet(list.ToArray(), sorted: true);
        }
        var set = new HashSet<int>();
        foreach (int v in a) set.Add(v);
        foreach (int v in b) set.Add(v);
        var sorted = set.ToArray();
        Array.Sort(sorted);
        return new LabelSet(sorted, sorted: true);
    }

    /// <summary>The caller's labels, in the caller's order (used by the confusion matrix); duplicates are refused.</summary>
    internal static LabelSet FromOrdered(IReadOnlyList<int> labels, string name)
    {
        var copy = labels.ToArray();
        Guard.Distinct(copy, name, "a label");
        return new LabelSet(copy, sorted: false);
    }
}
