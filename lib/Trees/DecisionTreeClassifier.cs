namespace MLPrimer.Trees;

/// <summary>A CART classification tree with Gini impurity, like scikit-learn's <c>DecisionTreeClassifier</c> with
/// <c>max_features=None</c>: axis-aligned splits at midpoints between neighbouring values, rows with <c>x &lt;= threshold</c> go left.</summary>
/// <remarks>Among splits of exactly equal quality scikit-learn keeps the first one in a random feature order; this tree keeps
/// the lowest feature index and the lowest threshold, so the two can differ where a node has several perfect splits.</remarks>
public sealed class DecisionTreeClassifier
{
    // Every node keeps one count per class: a label in the billions would ask for gigabytes per node.
    internal const int MaxClasses = 1 << 20;

    private Node? _root;

    /// <summary>Creates an unfitted tree; <paramref name="maxDepth"/> null grows until leaves are pure.</summary>
    public DecisionTreeClassifier(int? maxDepth = null, int minSamplesSplit = 2, int minSamplesLeaf = 1)
    {
        if (maxDepth is < 1)
            throw new ArgumentException($"maxDepth must be at least 1 when given (got {maxDepth}).", nameof(maxDepth));
        if (minSamplesSplit < 2)
            throw new ArgumentException($"minSamplesSplit must be at least 2 (got {minSamplesSplit}).", nameof(minSamplesSplit));
        if (minSamplesLeaf < 1)
            throw new ArgumentException($"minSamplesLeaf must be at least 1 (got {minSamplesLeaf}).", nameof(minSamplesLeaf));
        MaxDepth = maxDepth;
        MinSamplesSplit = minSamplesSplit;
        MinSamplesLeaf = minSamplesLeaf;
    }

    /// <summary>Depth limit (null: none).</summary>
    public int? MaxDepth { get; }

    /// <summary>A node with fewer rows than this becomes a leaf.</summary>
    public int MinSamplesSplit { get; }

    /// <summary>Each child of a split keeps at least this many rows.</summary>
    public int MinSamplesLeaf { get; }

    /// <summary>Number of classes seen in fit (labels are 0 .. ClassCount-1).</summary>
    public int ClassCount { get; private set; }

    /// <summary>Number of features per row seen in fit.</summary>
    public int FeatureCount { get; private set; }

    /// <summary>Depth of the fitted tree (a single leaf has depth 0).</summary>
    public int Depth { get; private set; }

    /// <summary>Number of leaves of the fitted tree.</summary>
    public int LeafCount { get; private set; }

    /// <summary>Feature and threshold of the root split, or null when the root is a leaf.</summary>
    public (int Feature, double Threshold)? RootSplit => _root is { IsLeaf: false } r ? (r.Feature, r.Threshold) : null;

    /// <summary>Fits the tree to rows <paramref name="rows"/> of <paramref name="features"/> (all rows when null; repeats allowed,
    /// e.g. a bootstrap sample). Labels must be 0 .. k-1.</summary>
    public DecisionTreeClassifier Fit(float[][] features, int[] labels, IReadOnlyList<int>? rows = null)
    {
        Guard.LabelledRows(features, labels);
        rows ??= Enumerable.Range(0, labels.Length).ToArray();
        if (rows.Count == 0)
            throw new ArgumentException("rows must not be empty: there is nothing to fit.", nameof(rows));
        foreach (var r in rows)
            if ((uint)r >= (uint)labels.Length)
                throw new ArgumentException($"Row index {r} is outside 0..{labels.Length - 1}.", nameof(rows));
        FeatureCount = features[0].Length;
        var maxLabel = labels.Max();
        if (maxLabel >= MaxClasses)
            throw new ArgumentException($"labels must be class indices 0 .. k-1 with k at most {MaxClasses:N0} (found {maxLabel}); encode the classes as 0, 1, 2, ... first.", nameof(labels));
        ClassCount = maxLabel + 1;
        Depth = 0;
        LeafCount = 0;
        _root = Grow(features, labels, rows.ToArray(), 0);
        return this;
    }

    /// <summary>Predicted class of one row (the majority class of its leaf; ties go to the lower class).</summary>
    public int Predict(float[] row) => ArgMax(Leaf(row).Counts);

    /// <summary>Predicted class of each row.</summary>
    public int[] Predict(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(Predict).ToArray();
    }

    /// <summary>Class frequencies in the leaf the row falls into.</summary>
    public double[] PredictProba(float[] row)
    {
        var counts = Leaf(row).Counts;
        double total = counts.Sum();
        return counts.Select(c => c / total).ToArray();
    }

    /// <summary>Accuracy on the given rows, like scikit-learn's <c>score</c>.</summary>
    public double Score(float[][] features, int[] labels)
    {
        Guard.LabelledRows(features, labels, classIndices: false);
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
            if (Predict(features[i]) == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    private Node Leaf(float[] row)
    {
        var node = _root ?? throw new InvalidOperationException("Call Fit before Predict.");
        if (row is null || row.Length != FeatureCount)
            throw new ArgumentException($"A row needs {FeatureCount} features (got {row?.Length ?? 0}).", nameof(row));
        while (!node.IsLeaf)
            node = row[node.Feature] <= node.Threshold ? node.Left! : node.Right!;
        return node;
    }

    private Node Grow(float[][] x, int[] y, int[] rows, int depth)
    {
        var counts = new int[ClassCount];
        foreach (var r in rows) counts[y[r]]++;
        var pure = counts.Count(c => c > 0) == 1;
        if (pure || rows.Length < MinSamplesSplit || rows.Length < 2 * MinSamplesLeaf || depth == MaxDepth)
            return MakeLeaf(counts, depth);
        if (!BestSplit(x, y, rows, counts, out var feature, out var threshold))
            return MakeLeaf(counts, depth);
        var left = rows.Where(r => x[r][feature] <= threshold).ToArray();
        var right = rows.Where(r => x[r][feature] > threshold).ToArray();
        return new Node(counts, feature, threshold, Grow(x, y, left, depth + 1), Grow(x, y, right, depth + 1));
    }

    private Node MakeLeaf(int[] counts, int depth)
    {
        LeafCount++;
        Depth = Math.Max(Depth, depth);
        return new Node(counts);
    }

    /// <summary>Maximises sum_k left_k^2 / n_left + sum_k right_k^2 / n_right, which is minimising the weighted Gini of the children.</summary>
    private bool BestSplit(float[][] x, int[] y, int[] rows, int[] totals, out int bestFeature, out double bestThreshold)
    {
        bestFeature = -1;
        bestThreshold = 0;
        var best = double.NegativeInfinity;
        var n = rows.Length;
        var sorted = new int[n];
        var left = new int[ClassCount];
        for (var f = 0; f < FeatureCount; f++)
        {
            Array.Copy(rows, sorted, n);
            Array.Sort(sorted, (a, b) => x[a][f].CompareTo(x[b][f]));
            if (x[sorted[0]][f] == x[sorted[n - 1]][f]) continue;
            Array.Clear(left);
            double leftSquares = 0, rightSquares = totals.Sum(c => (double)c * c);
            var right = (int[])totals.Clone();
            for (var p = 1; p < n; p++)
            {
                var label = y[sorted[p - 1]];
                leftSquares += 2.0 * left[label] + 1;
                rightSquares -= 2.0 * right[label] - 1;
                left[label]++;
                right[label]--;
                float before = x[sorted[p - 1]][f], after = x[sorted[p]][f];
                if (after <= before + 1e-7) continue; // scikit-learn's FEATURE_THRESHOLD
                if (p < MinSamplesLeaf || n - p < MinSamplesLeaf) continue;
                var proxy = leftSquares / p + rightSquares / (n - p);
                if (proxy > best)
                {
                    best = proxy;
                    bestFeature = f;
                    var mid = before / 2.0 + after / 2.0;
                    bestThreshold = mid == after ? before : mid;
                }
            }
        }
        return bestFeature >= 0;
    }

    private static int ArgMax(int[] counts)
    {
        var best = 0;
        for (var k = 1; k < counts.Length; k++)
            if (counts[k] > counts[best]) best = k;
        return best;
    }

    private sealed class Node(int[] counts, int feature = -1, double threshold = 0, Node? left = null, Node? right = null)
    {
        public int[] Counts { get; } = counts;
        public int Feature { get; } = feature;
        public double Threshold { get; } = threshold;
        public Node? Left { get; } = left;
        public Node? Right { get; } = right;
        public bool IsLeaf => Left is null;
    }
}
