using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using MLPrimer.Features;
using MLPrimer.Trees;

namespace MLPrimer.Tests.Trees;

/// <summary>TreeSHAP against the Shapley definition: a hand-worked tree, random trees (with features repeated along a path)
/// checked against the exponential sum over all feature subsets written out here, and a real ML.NET FastTree ensemble.</summary>
public class TreeExplainerTests
{
    // Node 0 splits x0 <= 0.5 (4 training rows); its left child, node 1, splits x1 <= 0.5 (2 rows) into leaves
    // node 3 (value 1, 1 row) and node 4 (value 3, 1 row); its right child, node 2, is a leaf (value 8, 2 rows).
    private static FlatTree HandTree() => new(
        childrenLeft: [1, 3, -1, -1, -1], childrenRight: [2, 4, -1, -1, -1], feature: [0, 1, -1, -1, -1],
        threshold: [0.5, 0.5, 0, 0, 0], value: [0, 0, 8, 1, 3], cover: [4, 2, 2, 1, 1]);

    [Fact]
    public void HandWorkedTreeGivesTheShapleyValues()
    {
        // x = (0, 1) reaches node 4: f(x) = 3. Expected value (2*8 + 1 + 3) / 4 = 5.
        // v({}) = 5, v({0}) = (1 + 3) / 2 = 2, v({1}) = 0.5 * 3 + 0.5 * 8 = 5.5, v({0,1}) = 3.
        // phi0 = ((2 - 5) + (3 - 5.5)) / 2 = -2.75;  phi1 = ((5.5 - 5) + (3 - 2)) / 2 = 0.75;  sum -2 = f(x) - E.
        // (ML.NET's "other way" contributions would be 3 - 8 = -5 and 3 - 1 = +2: sum -3, not f(x) - E.)
        var explainer = new TreeExplainer([HandTree()]);
        Assert.Equal(5, explainer.ExpectedValue, 12);
        Assert.Equal(3, explainer.Predict([0, 1]), 12);
        var phi = explainer.ShapValues([0, 1]);
        Assert.Equal(-2.75, phi[0], 12);
        Assert.Equal(0.75, phi[1], 12);
    }

    [Fact]
    public void ConditionalExpectationFollowsKnownFeaturesAndAveragesTheRest()
    {
        var tree = HandTree();
        Assert.Equal(5, tree.ConditionalExpectation([0, 1], new HashSet<int>()), 12);
        Assert.Equal(2, tree.ConditionalExpectation([0, 1], new HashSet<int> { 0 }), 12);
        Assert.Equal(5.5, tree.ConditionalExpectation([0, 1], new HashSet<int> { 1 }), 12);
        Assert.Equal(3, tree.ConditionalExpectation([0, 1], new HashSet<int> { 0, 1 }), 12);
        Assert.Equal(2, tree.Depth);
        Assert.Equal(2, tree.FeatureCount);
    }

    [Fact]
    public void RandomTreesMatchBruteForceShapleyValuesAndAreLocallyAccurate()
    {
        var rng = new Random(7);
        for (var trial = 0; trial < 40; trial++)
        {
            const int features = 4;
            var trees = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => RandomTree(rng, features, maxDepth: 5)).ToArray();
            var weights = trees.Select(_ => 0.5 + rng.NextDouble()).ToArray();
            var explainer = new TreeExplainer(trees, weights, bias: rng.NextDouble() - 0.5);
            for (var r = 0; r < 5; r++)
            {
                var row = Enumerable.Range(0, features).Select(_ => (float)rng.NextDouble()).ToArray();
                var phi = explainer.ShapValues(row);
                Assert.Equal(explainer.Predict(row) - explainer.ExpectedValue, phi.Sum(), 9);
                var expected = new double[features];
                for (var t = 0; t < trees.Length; t++)
                {
                    var exact = BruteForceShapley(trees[t], row, features);
                    for (var j = 0; j < features; j++) expected[j] += weights[t] * exact[j];
                }
                for (var j = 0; j < features; j++) Assert.Equal(expected[j], phi[j], 9);
            }
        }
    }

    [Fact]
    public void FastTreeEnsembleIsRebuiltExactlyAndExplained()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 600).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var y = x.Select(r => r[0] + r[1] * r[1] + 0.3 * rng.NextDouble() > 0.6).ToArray();
        var ml = new MLContext(seed: 0);
        var data = FeatureDataView.Create(ml, x, y);
        var options = new FastTreeBinaryTrainer.Options { NumberOfTrees = 10, NumberOfLeaves = 6, MinimumExampleCountPerLeaf = 10, NumberOfThreads = 1 };
        var model = ml.BinaryClassification.Trainers.FastTree(options).Fit(data);
        var explainer = TreeExplainer.FromFastTree(model.Model.SubModel.TrainedTreeEnsemble, x);
        var scores = model.Transform(data).GetColumn<float>("Score").ToArray();
        Assert.Equal(10, explainer.Trees.Count);
        Assert.All(explainer.Trees, t => Assert.Equal(600, t.Cover[0]));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(scores[i], explainer.Predict(x[i]), 4);
            var phi = explainer.ShapValues(x[i]);
            Assert.Equal(explainer.Predict(x[i]) - explainer.ExpectedValue, phi.Sum(), 9);
            var expected = new double[4];
            foreach (var (tree, t) in explainer.Trees.Select((tree, t) => (tree, t)))
            {
                var exact = BruteForceShapley(tree, x[i], 4);
                for (var j = 0; j < 4; j++) expected[j] += exact[j];   // FastTree's tree weights are 1
            }
            for (var j = 0; j < 4; j++) Assert.Equal(expected[j], phi[j], 9);
        }
        // The planted features carry the attribution; the two unused ones next to nothing.
        var meanAbs = Enumerable.Range(0, 4).Select(j => x.Average(r => Math.Abs(explainer.ShapValues(r)[j]))).ToArray();
        Assert.True(meanAbs[0] > 3 * Math.Max(meanAbs[2], meanAbs[3]) && meanAbs[1] > 3 * Math.Max(meanAbs[2], meanAbs[3]), string.Join(", ", meanAbs));
    }

    [Fact]
    public void SingleLeafHasNoAttributionAndStumpGivesItAllToItsFeature()
    {
        var leaf = new TreeExplainer([new FlatTree([-1], [-1], [0], [0], [2.5], [10])], bias: 1);
        Assert.Equal(3.5, leaf.ExpectedValue, 12);
        Assert.Equal([0.0, 0.0], leaf.ShapValues([7, 8]));
        // A stump on feature 1 (3 rows go left to value 0, 1 row right to value 4): E = 1; for x1 = 9, f = 4 and phi1 = 3.
        var stump = new TreeExplainer([new FlatTree([1, -1, -1], [2, -1, -1], [1, 0, 0], [0.5, 0, 0], [0, 0, 4], [4, 3, 1])]);
        Assert.Equal([0.0, 3.0], stump.ShapValues([0, 9]));
    }

    [Fact]
    public void BadArgumentsAreRejectedByName()
    {
        Assert.Equal("cover", Assert.Throws<ArgumentException>(() => new FlatTree([-1], [-1], [0], [0], [1], [0])).ParamName);
        Assert.Equal("childrenRight", Assert.Throws<ArgumentException>(() => new FlatTree([1, -1], [-1, -1], [0, 0], [0, 0], [0, 1], [1, 1])).ParamName);
        Assert.Equal("feature", Assert.Throws<ArgumentException>(() => new FlatTree([-1], [-1], [0, 1], [0], [1], [1])).ParamName);
        Assert.Equal("trees", Assert.Throws<ArgumentException>(() => new TreeExplainer([])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => new TreeExplainer([HandTree()], [1.0, 2.0])).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentException>(() => new TreeExplainer([HandTree()]).ShapValues([0])).ParamName);
    }

    /// <summary>The Shapley definition: phi_j = sum over S not containing j of |S|! (M-|S|-1)! / M! [v(S+j) - v(S)], with
    /// v(S) the cover-weighted expectation of the tree given the features in S (written out again here, independently).</summary>
    private static double[] BruteForceShapley(FlatTree tree, float[] row, int m)
    {
        double V(int mask)
        {
            double Walk(int node) => tree.ChildrenLeft[node] == -1 ? tree.Value[node]
                : (mask >> tree.Feature[node] & 1) == 1 ? Walk(row[tree.Feature[node]] <= tree.Threshold[node] ? tree.ChildrenLeft[node] : tree.ChildrenRight[node])
                : (tree.Cover[tree.ChildrenLeft[node]] * Walk(tree.ChildrenLeft[node]) + tree.Cover[tree.ChildrenRight[node]] * Walk(tree.ChildrenRight[node])) / tree.Cover[node];
            return Walk(0);
        }
        static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
        var phi = new double[m];
        for (var j = 0; j < m; j++)
            for (var mask = 0; mask < 1 << m; mask++)
            {
                if ((mask >> j & 1) == 1) continue;
                var size = System.Numerics.BitOperations.PopCount((uint)mask);
                phi[j] += Factorial(size) * Factorial(m - size - 1) / Factorial(m) * (V(mask | 1 << j) - V(mask));
            }
        return phi;
    }

    /// <summary>A random tree over m features (features may repeat on a path) whose children's covers sum to the parent's.</summary>
    private static FlatTree RandomTree(Random rng, int m, int maxDepth)
    {
        var left = new List<int>(); var right = new List<int>(); var feature = new List<int>();
        var threshold = new List<double>(); var value = new List<double>(); var cover = new List<double>();
        int Add(double c) { left.Add(-1); right.Add(-1); feature.Add(0); threshold.Add(0); value.Add(rng.NextDouble() * 4 - 2); cover.Add(c); return left.Count - 1; }
        void Grow(int node, int depth)
        {
            if (depth == maxDepth || (depth > 0 && rng.NextDouble() < 0.25)) return;
            feature[node] = rng.Next(m);
            threshold[node] = rng.NextDouble();
            var share = 0.1 + 0.8 * rng.NextDouble();
            var l = Add(cover[node] * share);
            var r = Add(cover[node] * (1 - share));
            left[node] = l; right[node] = r;
            Grow(l, depth + 1);
            Grow(r, depth + 1);
        }
        Grow(Add(100), 0);
        return new FlatTree(left.ToArray(), right.ToArray(), feature.ToArray(), threshold.ToArray(), value.ToArray(), cover.ToArray());
    }
}
