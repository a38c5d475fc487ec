using System.Globalization;

namespace MLPrimer.Evaluation;

/// <summary>A metric computed from the true and predicted labels of one slice, e.g. <c>(t, p) =&gt; Metrics.AccuracyScore(t, p)</c>.</summary>
public delegate double SliceMetric(ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred);

/// <summary>One condition of a slice: the rows whose attribute has this value.</summary>
public sealed record SliceCondition(string Attribute, string Value)
{
    /// <summary>"attribute = value".</summary>
    public override string ToString() => $"{Attribute} = {Value}";
}

/// <summary>A slice (rows meeting every condition), its size, its metric and how much worse it is than the whole data set.</summary>
public sealed record SliceResult(IReadOnlyList<SliceCondition> Conditions, int Size, double Metric, double Gap)
{
    /// <summary>The conditions joined by AND, e.g. "region = north AND device = tablet".</summary>
    public string Description => string.Join(" AND ", Conditions);

    /// <summary>Description, size, metric and gap on one line.</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0} (n = {1}): metric {2:F3}, gap {3:+0.000;-0.000;0.000}", Description, Size, Metric, Gap);
}

/// <summary>
/// Slice-based evaluation: a metric per value of one attribute, and a search over conjunctions of attribute values for the
/// slices where the model does worst (a small version of Chung et al.'s Slice Finder, ranking by metric gap).
/// </summary>
public static class SliceFinder
{
    /// <summary>The metric on every value of one attribute, ordered by value; Gap is how much worse each slice is than all rows.</summary>
    public static IReadOnlyList<SliceResult> Evaluate(string attribute, IReadOnlyList<string> values, ReadOnlySpan<int> yTrue,
        ReadOnlySpan<int> yPred, SliceMetric metric, bool higherIsBetter = true)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(metric);
        Guard.Paired(yTrue.Length, nameof(yTrue), yPred.Length, nameof(yPred));
        CheckColumn(attribute, values, yTrue.Length, nameof(values));
        double overall = metric(yTrue, yPred);
        var results = new List<SliceResult>();
        foreach (var (value, rows) in Groups(values))
        {
            double m = MetricOn(rows, yTrue, yPred, metric);
            results.Add(new SliceResult([new SliceCondition(attribute, value)], rows.Length, m, Gap(overall, m, higherIsBetter)));
        }
        return results;
    }

    /// <summary>
    /// The <paramref name="top"/> worst slices of at most <paramref name="maxDepth"/> conditions (on different attributes) holding at
    /// least <paramref name="minSize"/> rows that do worse than all rows (gap &gt; 0), ranked by gap. A slice is reported only when it
    /// is worse than every slice with one condition fewer, so a bad slice is described by its shortest conjunction.
    /// </summary>
    public static IReadOnlyList<SliceResult> FindWorst(IReadOnlyDictionary<string, string[]> attributes, ReadOnlySpan<int> yTrue,
        ReadOnlySpan<int> yPred, SliceMetric metric, int minSize = 30, int maxDepth = 2, int top = 10, bool higherIsBetter = true)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(metric);
        Guard.Paired(yTrue.Length, nameof(yTrue), yPred.Length, nameof(yPred));
        if (attributes.Count == 0) throw new ArgumentException("attributes must hold at least one attribute.", nameof(attributes));
        if (minSize < 1) throw new ArgumentOutOfRangeException(nameof(minSize), minSize, "minSize must be at least 1.");
        if (maxDepth < 1) throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, "maxDepth must be at least 1.");
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be at least 1.");
        foreach (var (name, column) in attributes) CheckColumn(name, column, yTrue.Length, nameof(attributes));

        double overall = metric(yTrue, yPred);
        var names = attributes.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        // Depth 1: every value of every attribute, as sorted row lists.
        var singles = new List<(int Attribute, SliceCondition Condition, int[] Rows)>();
        for (int a = 0; a < names.Length; a++)
            foreach (var (value, rows) in Groups(attributes[names[a]]))
                singles.Add((a, new SliceCondition(names[a], value), rows));

        // Breadth-first over conjunctions; a slice is a set of indices into singles with distinct attributes, kept in increasing order.
        var gaps = new Dictionary<string, double>();
        var candidates = new List<SliceResult>();
        var level = new List<(int[] Parts, int[] Rows)>();
        for (int s = 0; s < singles.Count; s++)
            if (singles[s].Rows.Length >= minSize) level.Add(([s], singles[s].Rows));
        for (int depth = 1; depth <= maxDepth && level.Count > 0; depth++)
        {
            var next = new List<(int[] Parts, int[] Rows)>();
            foreach (var (parts, rows) in level)
            {
                double m = MetricOn(rows, yTrue, yPred, metric);
                if (double.IsNaN(m)) continue;
                double gap = Gap(overall, m, higherIsBetter);
                gaps[Key(parts)] = gap;
                if (gap > 0 && WorseThanParents(parts, gap, gaps))
                    candidates.Add(new SliceResult(parts.Select(p => singles[p].Condition).ToArray(), rows.Length, m, gap));
                if (depth == maxDepth) continue;
                for (int s = parts[^1] + 1; s < singles.Count; s++)
                {
                    if (parts.Any(p => singles[p].Attribute == singles[s].Attribute)) continue;
                    var joint = Intersect(rows, singles[s].Rows);
                    if (joint.Length >= minSize) next.Add(([.. parts, s], joint));
                }
            }
            level = next;
        }
        return candidates
            .OrderByDescending(c => c.Gap)
            .ThenByDescending(c => c.Size)
            .ThenBy(c => c.Description, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
    }

    /// <summary>True for a single condition; otherwise the gap must exceed that of every sub-slice with one condition fewer.</summary>
    private static bool WorseThanParents(int[] parts, double gap, Dictionary<string, double> gaps)
    {
        if (parts.Length == 1) return true;
        for (int drop = 0; drop < parts.Length; drop++)
        {
            var parent = parts.Where((_, i) => i != drop).ToArray();
            // Every parent is at least as large as the child, so it was evaluated; a NaN-metric parent has no entry.
            if (gaps.TryGetValue(Key(parent), out double g) && g >= gap) return false;
        }
        return true;
    }

    private static string Key(int[] parts) => string.Join(",", parts);

    private static double Gap(double overall, double slice, bool higherIsBetter) => higherIsBetter ? overall - slice : slice - overall;

    private static double MetricOn(int[] rows, ReadOnlySpan<int> yTrue, ReadOnlySpan<int> yPred, SliceMetric metric)
    {
        var t = new int[rows.Length];
        var p = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            t[i] = yTrue[rows[i]];
            p[i] = yPred[rows[i]];
        }
        return metric(t, p);
    }

    /// <summary>Row lists per distinct value, values in ordinal order, rows ascending.</summary>
    private static IEnumerable<(string Value, int[] Rows)> Groups(IReadOnlyList<string> values)
    {
        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < values.Count; i++)
        {
            if (!groups.TryGetValue(values[i], out var list)) groups[values[i]] = list = [];
            list.Add(i);
        }
        return groups.Select(g => (g.Key, g.Value.ToArray()));
    }

    private static int[] Intersect(int[] a, int[] b)
    {
        var result = new List<int>(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { result.Add(a[i]); i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return result.ToArray();
    }

    private static void CheckColumn(string attribute, IReadOnlyList<string>? values, int length, string parameter)
    {
        if (values is null) throw new ArgumentException($"Attribute '{attribute}' has no values.", parameter);
        if (values.Count != length)
            throw new ArgumentException(
                $"Attribute '{attribute}' must have one value per row ({length}); it has {values.Count}.", parameter);
        for (int i = 0; i < values.Count; i++)
            if (values[i] is null) throw new ArgumentException($"Attribute '{attribute}' has a null value at row {i}.", parameter);
    }
}
