namespace MLPrimer.Trees;

/// <summary>A fitted binary regression tree as flat arrays, in scikit-learn's <c>tree_</c> layout: node 0 is the root,
/// node i is a leaf when <c>ChildrenLeft[i] == -1</c>, and a row goes left when <c>row[Feature[i]] &lt;= Threshold[i]</c>.
/// <c>Cover[i]</c> is the number (or weight) of training rows that reached node i, which TreeSHAP needs.</summary>
public sealed class FlatTree
{
    private readonly int[] _left, _right, _feature;
    private readonly double[] _threshold, _value, _cover;

    /// <summary>Creates a tree from scikit-learn-style arrays (<c>children_left</c>, <c>children_right</c>, <c>feature</c>,
    /// <c>threshold</c>, <c>value</c>, <c>n_node_samples</c>); leaves have -1 children and their feature is ignored.</summary>
    public FlatTree(int[] childrenLeft, int[] childrenRight, int[] feature, double[] threshold, double[] value, double[] cover)
    {
        ArgumentNullException.ThrowIfNull(childrenLeft);
        ArgumentNullException.ThrowIfNull(childrenRight);
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(cover);
        var n = childrenLeft.Length;
        if (n == 0)
            throw new ArgumentException("childrenLeft is empty; a tree has at least one node (a single leaf).", nameof(childrenLeft));
        foreach (var (name, length) in new[] { (nameof(childrenRight), childrenRight.Length), (nameof(feature), feature.Length),
                                               (nameof(threshold), threshold.Length), (nameof(value), value.Length), (nameof(cover), cover.Length) })
            if (length != n)
                throw new ArgumentException($"{name} has {length} entries but childrenLeft has {n}; every array needs one entry per node.", name);
        var parents = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!(cover[i] > 0) || double.IsInfinity(cover[i]))
                throw new ArgumentException($"cover[{i}] is {cover[i]}; every node needs a positive, finite training cover.", nameof(cover));
            if ((childrenLeft[i] == -1) != (childrenRight[i] == -1))
                throw new ArgumentException($"Node {i} has one child -1 and the other not; a node is a leaf (both -1) or has two children.", nameof(childrenRight));
            if (childrenLeft[i] == -1) continue;
            if (feature[i] < 0)
                throw new ArgumentException($"feature[{i}] is {feature[i]}; a split node needs a feature index >= 0.", nameof(feature));
            foreach (var child in new[] { childrenLeft[i], childrenRight[i] })
            {
                if (child <= i || child >= n)
                    throw new ArgumentException($"Node {i} has child {child}; children must come after their parent and lie in 0..{n - 1}.", nameof(childrenLeft));
                if (++parents[child] > 1)
                    throw new ArgumentException($"Node {child} has two parents; the arrays must describe a tree.", nameof(childrenLeft));
            }
        }
        _left = (int[])childrenLeft.Clone();
        _right = (int[])childrenRight.Clone();
        _feature = (int[])feature.Clone();
        _threshold = (double[])threshold.Clone();
        _value = (double[])value.Clone();
        _cover = (double[])cover.Clone();
        for (var i = 0; i < n; i++)
            if (_left[i] != -1)
                FeatureCount = Math.Max(FeatureCount, _feature[i] + 1);
        Depth = DepthOf(0);
    }

    /// <summary>Number of nodes, leaves included.</summary>
    public int NodeCount => _left.Length;

    /// <summary>One more than the largest feature index the tree splits on (0 for a single leaf).</summary>
    public int FeatureCount { get; }

    /// <summary>Longest root-to-leaf path in splits (a single leaf has depth 0).</summary>
    public int Depth { get; }

    /// <summary>Left child of each node (-1 for a leaf).</summary>
    public IReadOnlyList<int> ChildrenLeft => _left;

    /// <summary>Right child of each node (-1 for a leaf).</summary>
    public IReadOnlyList<int> ChildrenRight => _right;

    /// <summary>Feature each split node tests.</summary>
    public IReadOnlyList<int> Feature => _feature;

    /// <summary>Threshold of each split node (rows with a value &lt;= threshold go left).</summary>
    public IReadOnlyList<double> Threshold => _threshold;

    /// <summary>Output of each node (only the leaves' values are used for prediction).</summary>
    public IReadOnlyList<double> Value => _value;

    /// <summary>Training rows (or weight) that reached each node.</summary>
    public IReadOnlyList<double> Cover => _cover;

    /// <summary>The tree's output for one row: the value of the leaf the row falls into.</summary>
    public double Predict(float[] row)
    {
        CheckRow(row, nameof(row));
        var node = 0;
        while (_left[node] != -1)
            node = row[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
        return _value[node];
    }

    /// <summary>The tree's expected output over its training rows: the leaves' values weighted by their cover.</summary>
    public double ExpectedValue() => ConditionalExpectation(new float[FeatureCount], new HashSet<int>());

    /// <summary>E[f(x) | x_S] as TreeSHAP defines it (path-dependent): at a split on a feature in <paramref name="known"/>
    /// follow the row; at any other split average both children, weighted by their share of the training cover.
    /// This is the value function v(S) whose Shapley values <see cref="TreeExplainer"/> computes.</summary>
    public double ConditionalExpectation(float[] row, IReadOnlySet<int> known)
    {
        CheckRow(row, nameof(row));
        ArgumentNullException.ThrowIfNull(known);
        return Expect(0);

        double Expect(int node)
        {
            if (_left[node] == -1) return _value[node];
            if (known.Contains(_feature[node]))
                return Expect(row[_feature[node]] <= _threshold[node] ? _left[node] : _right[node]);
            return (_cover[_left[node]] * Expect(_left[node]) + _cover[_right[node]] * Expect(_right[node])) / _cover[node];
        }
    }

    internal void CheckRow(float[] row, string name)
    {
        ArgumentNullException.ThrowIfNull(row, name);
        if (row.Length < FeatureCount)
            throw new ArgumentException($"The row has {row.Length} features but the tree splits on feature {FeatureCount - 1}; pass the full feature vector.", name);
    }

    private int DepthOf(int node) => _left[node] == -1 ? 0 : 1 + Math.Max(DepthOf(_left[node]), DepthOf(_right[node]));
}
