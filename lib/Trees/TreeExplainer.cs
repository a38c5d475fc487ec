using Microsoft.ML.Trainers.FastTree;

namespace MLPrimer.Trees;

/// <summary>Exact SHAP values of a tree ensemble by the path-dependent TreeSHAP algorithm (Lundberg, Erion and Lee, 2018,
/// Algorithm 2), like the Python <c>shap.TreeExplainer(model, feature_perturbation="tree_path_dependent")</c>:
/// <c>ShapValues(row)</c> sums to <c>Predict(row) - ExpectedValue</c>, and each value is the Shapley value of
/// <see cref="FlatTree.ConditionalExpectation"/> computed in O(leaves x depth²) per tree instead of over all 2^M subsets.</summary>
public sealed class TreeExplainer
{
    private readonly FlatTree[] _trees;
    private readonly double[] _weights;

    /// <summary>Explains the model bias + Σ weights[t] · trees[t](x); weights default to 1.</summary>
    public TreeExplainer(IReadOnlyList<FlatTree> trees, IReadOnlyList<double>? weights = null, double bias = 0)
    {
        ArgumentNullException.ThrowIfNull(trees);
        if (trees.Count == 0)
            throw new ArgumentException("trees is empty; pass at least one tree.", nameof(trees));
        if (trees.Any(t => t is null))
            throw new ArgumentException("trees contains null; every entry must be a FlatTree.", nameof(trees));
        if (weights is not null && weights.Count != trees.Count)
            throw new ArgumentException($"weights has {weights.Count} entries for {trees.Count} trees; give one weight per tree or none.", nameof(weights));
        if (!double.IsFinite(bias))
            throw new ArgumentException($"bias is {bias}; it must be a finite number.", nameof(bias));
        _trees = trees.ToArray();
        _weights = weights?.ToArray() ?? Enumerable.Repeat(1.0, _trees.Length).ToArray();
        Bias = bias;
        FeatureCount = _trees.Max(t => t.FeatureCount);
        ExpectedValue = bias + _trees.Select((t, i) => _weights[i] * t.ExpectedValue()).Sum();
    }

    /// <summary>Rebuilds an ML.NET FastTree ensemble (numerical splits) as <see cref="FlatTree"/>s, taking each node's cover
    /// from the training rows the ensemble was fitted on (ML.NET does not store it); the explained output is the raw score.</summary>
    public static TreeExplainer FromFastTree(TreeEnsemble<RegressionTree> ensemble, float[][] trainingRows)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(trainingRows);
        if (trainingRows.Length == 0)
            throw new ArgumentException("trainingRows is empty; the cover of each node is counted on the training rows.", nameof(trainingRows));
        var trees = new List<FlatTree>();
        foreach (var tree in ensemble.Trees)
        {
            if (tree.CategoricalSplitFlags.Any(f => f))
                throw new ArgumentException("The ensemble has categorical splits; only numerical splits are supported.", nameof(ensemble));
            int internalNodes = tree.NumberOfNodes, leaves = tree.NumberOfLeaves, n = internalNodes + leaves;
            // ML.NET numbers internal nodes 0..k-1 and leaf j as ~j; here leaf j becomes node k + j.
            int Map(int child) => child >= 0 ? child : internalNodes + ~child;
            var left = Enumerable.Repeat(-1, n).ToArray();
            var right = Enumerable.Repeat(-1, n).ToArray();
            var feature = new int[n];
            var threshold = new double[n];
            var value = new double[n];
            for (var i = 0; i < internalNodes; i++)
            {
                left[i] = Map(tree.LeftChild[i]);
                right[i] = Map(tree.RightChild[i]);
                feature[i] = tree.NumericalSplitFeatureIndexes[i];
                threshold[i] = tree.NumericalSplitThresholds[i];
            }
            for (var j = 0; j < leaves; j++) value[internalNodes + j] = tree.LeafValues[j];
            var cover = new double[n];
            foreach (var row in trainingRows)
            {
                ArgumentNullException.ThrowIfNull(row, nameof(trainingRows));
                var node = 0;
                cover[0]++;
                while (left[node] != -1)
                {
                    if (feature[node] >= row.Length)
                        throw new ArgumentException($"A training row has {row.Length} features but the ensemble splits on feature {feature[node]}.", nameof(trainingRows));
                    node = row[feature[node]] <= (float)threshold[node] ? left[node] : right[node];
                    cover[node]++;
                }
            }
            // FastTree grows only splits with rows on both sides, so every node should be reached; guard against rows
            // that are not the training set with a tiny cover (an unreached branch then carries no weight).
            for (var i = 0; i < n; i++) if (cover[i] == 0) cover[i] = 1e-9;
            trees.Add(new FlatTree(left, right, feature, threshold, value, cover));
        }
        return new TreeExplainer(trees, ensemble.TreeWeights.ToArray(), ensemble.Bias);
    }

    /// <summary>The trees being explained.</summary>
    public IReadOnlyList<FlatTree> Trees => _trees;

    /// <summary>Each tree's weight in the sum.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The constant added to the weighted sum of the trees.</summary>
    public double Bias { get; }

    /// <summary>One more than the largest feature index any tree splits on.</summary>
    public int FeatureCount { get; }

    /// <summary>The model's output averaged over the training rows (shap's <c>expected_value</c>): the SHAP baseline.</summary>
    public double ExpectedValue { get; }

    /// <summary>The model's output for one row: bias plus the weighted sum of the trees.</summary>
    public double Predict(float[] row) => Bias + _trees.Select((t, i) => _weights[i] * t.Predict(row)).Sum();

    /// <summary>SHAP value of every feature (length = row length) for one row; they sum to Predict(row) - ExpectedValue.</summary>
    public double[] ShapValues(float[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length < FeatureCount)
            throw new ArgumentException($"row has {row.Length} features but the trees split on feature {FeatureCount - 1}; pass the full feature vector.", nameof(row));
        var phi = new double[row.Length];
        for (var t = 0; t < _trees.Length; t++)
        {
            var treePhi = new double[row.Length];
            new PathDependentShap(_trees[t], row, treePhi).Run();
            for (var j = 0; j < phi.Length; j++) phi[j] += _weights[t] * treePhi[j];
        }
        return phi;
    }

    /// <summary>Algorithm 2 of Lundberg et al.: walk every root-to-leaf path once, keeping for the features met so far the
    /// proportion of all subsets (by Shapley weight) that flow down this path with the feature included (one) or left
    /// out (zero fraction = its share of the training cover).</summary>
    private sealed class PathDependentShap(FlatTree tree, float[] row, double[] phi)
    {
        private struct Element
        {
            public int Feature;
            public double Zero, One, Weight;
        }

        public void Run() => Recurse(0, [], 0, 1, 1, -1);

        private void Recurse(int node, Element[] parentPath, int depth, double zero, double one, int feature)
        {
            var path = new Element[depth + 1];
            Array.Copy(parentPath, path, depth);
            Extend(path, depth, zero, one, feature);
            var left = tree.ChildrenLeft[node];
            if (left == -1)
            {
                for (var i = 1; i <= depth; i++)
                    phi[path[i].Feature] += UnwoundSum(path, depth, i) * (path[i].One - path[i].Zero) * tree.Value[node];
                return;
            }
            var split = tree.Feature[node];
            var right = tree.ChildrenRight[node];
            var (hot, cold) = row[split] <= tree.Threshold[node] ? (left, right) : (right, left);
            double incomingZero = 1, incomingOne = 1;
            // A feature met again on the path: undo its earlier extension and carry its fractions down.
            var k = 1;
            while (k <= depth && path[k].Feature != split) k++;
            if (k <= depth)
            {
                incomingZero = path[k].Zero;
                incomingOne = path[k].One;
                Unwind(path, depth, k);
                depth--;
            }
            var cover = tree.Cover[node];
            Recurse(hot, path, depth + 1, tree.Cover[hot] / cover * incomingZero, incomingOne, split);
            Recurse(cold, path, depth + 1, tree.Cover[cold] / cover * incomingZero, 0, split);
        }

        private static void Extend(Element[] path, int depth, double zero, double one, int feature)
        {
            path[depth] = new Element { Feature = feature, Zero = zero, One = one, Weight = depth == 0 ? 1 : 0 };
            for (var i = depth - 1; i >= 0; i--)
            {
                path[i + 1].Weight += one * path[i].Weight * (i + 1) / (depth + 1);
                path[i].Weight = zero * path[i].Weight * (depth - i) / (depth + 1);
            }
        }

        private static void Unwind(Element[] path, int depth, int index)
        {
            double one = path[index].One, zero = path[index].Zero, next = path[depth].Weight;
            for (var i = depth - 1; i >= 0; i--)
            {
                if (one != 0)
                {
                    var current = path[i].Weight;
                    path[i].Weight = next * (depth + 1) / ((i + 1) * one);
                    next = current - path[i].Weight * zero * (depth - i) / (depth + 1);
                }
                else
                {
                    path[i].Weight = path[i].Weight * (depth + 1) / (zero * (depth - i));
                }
            }
            for (var i = index; i < depth; i++)
            {
                path[i].Feature = path[i + 1].Feature;
                path[i].Zero = path[i + 1].Zero;
                path[i].One = path[i + 1].One;
            }
        }

        private static double UnwoundSum(Element[] path, int depth, int index)
        {
            double one = path[index].One, zero = path[index].Zero, next = path[depth].Weight, total = 0;
            for (var i = depth - 1; i >= 0; i--)
            {
                if (one != 0)
                {
                    var w = next * (depth + 1) / ((i + 1) * one);
                    total += w;
                    next = path[i].Weight - w * zero * (depth - i) / (depth + 1);
                }
                else
                {
                    total += path[i].Weight / zero * (depth + 1) / (depth - i);
                }
            }
            return total;
        }
    }
}
