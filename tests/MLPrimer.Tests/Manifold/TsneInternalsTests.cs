using MLPrimer.Manifold;
using TorchSharp;

namespace MLPrimer.Tests.Manifold;

/// <summary>The pieces of t-SNE against scikit-learn's own functions (reference/make_tsne_reference.py).</summary>
public class TsneInternalsTests
{
    private static (float[][] Data, double Perplexity, int K) Affinities()
    {
        var a = TsneReference.Get("affinities");
        return (TsneReference.Floats(a["data"]!), a["perplexity"]!.GetValue<double>(), a["neighbors"]!.GetValue<int>());
    }

    private static torch.Tensor Tensor(float[][] rows)
    {
        var flat = rows.SelectMany(r => r.Select(v => (double)v)).ToArray();
        return torch.tensor(flat, [rows.Length, rows[0].Length], torch.ScalarType.Float64);
    }

    private static double[] SquaredDistances(float[][] x)
    {
        var n = x.Length;
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                d[i * n + j] = x[i].Zip(x[j], (a, b) => ((double)a - b) * ((double)a - b)).Sum();
        return d;
    }

    private static double[] Dense(SparseRows p)
    {
        var n = p.Count;
        var dense = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var a = p.RowStart[i]; a < p.RowStart[i + 1]; a++) dense[i * n + p.Columns[a]] = p.Values[a];
        return dense;
    }

    [Fact]
    public void ExactAffinitiesMatchScikitLearn()
    {
        var (data, perplexity, _) = Affinities();
        var expected = TsneReference.Doubles(TsneReference.Get("affinities")["exact"]!);
        var n = data.Length;
        var p = JointProbabilities.FromAllDistances(n, SquaredDistances(data), perplexity);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) Assert.Equal(expected[i][j], p[i * n + j], 1e-6);   // scikit-learn works in float32
        Assert.Equal(1.0, p.Sum(), 9);
    }

    [Fact]
    public void NeighbourAffinitiesMatchScikitLearn()
    {
        var (data, perplexity, k) = Affinities();
        var expected = TsneReference.Doubles(TsneReference.Get("affinities")["sparse"]!);
        var n = data.Length;
        var (neighbors, distances) = KNearestNeighbors.Search(Tensor(data), k);
        var p = Dense(JointProbabilities.FromNeighbors(n, k, neighbors, distances, perplexity));
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                Assert.Equal(expected[i][j], p[i * n + j], 1e-6);
    }

    [Fact]
    public void NeighbourSearchFindsTheTrueNearestInOrder()
    {
        var (data, _, _) = Affinities();
        var d = SquaredDistances(data);
        var n = data.Length;
        const int k = 4;
        var (neighbors, distances) = KNearestNeighbors.Search(Tensor(data), k, blockRows: 7);
        for (var i = 0; i < n; i++)
        {
            var expected = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => d[i * n + j]).Take(k).ToArray();
            Assert.Equal(expected, neighbors[(i * k)..((i + 1) * k)]);
            for (var t = 0; t < k; t++) Assert.Equal(d[i * n + expected[t]], distances[i * k + t], 6);
        }
    }

    [Theory]
    [InlineData(1.0, "kl", "gradient")]
    [InlineData(12.0, "kl_exaggerated_12", "gradient_exaggerated_12")]
    public void ExactObjectiveMatchesScikitLearn(double exaggeration, string klName, string gradientName)
    {
        var (data, perplexity, _) = Affinities();
        var o = TsneReference.Get("objective");
        var y = TsneReference.Doubles(o["embedding"]!).SelectMany(r => r).ToArray();
        var expectedGradient = TsneReference.Doubles(o[gradientName]!).SelectMany(r => r).ToArray();
        var n = data.Length;
        using var objective = new ExactObjective(JointProbabilities.FromAllDistances(n, SquaredDistances(data), perplexity), n, 2, torch.CPU);
        var gradient = new double[y.Length];
        var kl = objective.Gradient(y, gradient, exaggeration, computeError: true);
        // scikit-learn's P is float32, so agreement is to about 6 significant digits.
        var expectedKl = o[klName]!.GetValue<double>();
        Assert.Equal(expectedKl, kl, 1e-6 * Math.Abs(expectedKl));
        var scale = expectedGradient.Max(Math.Abs);
        for (var t = 0; t < y.Length; t++) Assert.Equal(expectedGradient[t], gradient[t], 1e-5 * scale);
        if (exaggeration == 1) Assert.Equal(kl, objective.KlDivergence(y), 12);
    }

    [Fact]
    public void BarnesHutWithThetaZeroIsTheExactGradient()
    {
        var (data, perplexity, k) = Affinities();
        var n = data.Length;
        var (neighbors, distances) = KNearestNeighbors.Search(Tensor(data), k);
        var sparse = JointProbabilities.FromNeighbors(n, k, neighbors, distances, perplexity);
        var y = TsneReference.Doubles(TsneReference.Get("objective")["embedding"]!).SelectMany(r => r).ToArray();
        using var exact = new ExactObjective(Dense(sparse), n, 2, torch.CPU);
        var bh = new BarnesHutObjective(sparse, theta: 0);
        double[] g1 = new double[2 * n], g2 = new double[2 * n];
        var kl1 = exact.Gradient(y, g1, 12, true);
        var kl2 = bh.Gradient(y, g2, 12, true);
        Assert.Equal(kl1, kl2, 9);
        for (var t = 0; t < g1.Length; t++) Assert.Equal(g1[t], g2[t], 9);
        Assert.Equal(exact.KlDivergence(y), bh.KlDivergence(y), 9);
    }

    [Fact]
    public void QuadrupoleSummariesAreCloserToTheExactGradientThanMonopoles()
    {
        // 600 points in 6 clusters, embedded as 6 blobs: many cells get summarised at θ = 0.5.
        var random = new Random(3);
        const int n = 600;
        var data = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, 5).Select(_ => (float)(i % 6 * 4 + random.NextDouble())).ToArray()).ToArray();
        var (neighbors, distances) = KNearestNeighbors.Search(Tensor(data), 31);
        var sparse = JointProbabilities.FromNeighbors(n, 31, neighbors, distances, 10);
        var y = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            y[2 * i] = 10 * Math.Cos(i % 6) + random.NextDouble();
            y[2 * i + 1] = 10 * Math.Sin(i % 6) + random.NextDouble();
        }
        double Error(ITSneObjective o)
        {
            double[] exact = new double[2 * n], approx = new double[2 * n];
            new BarnesHutObjective(sparse, 0).Gradient(y, exact, 1, false);
            o.Gradient(y, approx, 1, false);
            return Math.Sqrt(exact.Zip(approx, (a, b) => (a - b) * (a - b)).Sum() / exact.Sum(a => a * a));
        }
        var monopole = Error(new BarnesHutObjective(sparse, 0.5, quadrupole: false));
        var quadrupole = Error(new BarnesHutObjective(sparse, 0.5, quadrupole: true));
        Assert.True(quadrupole < monopole / 3, $"quadrupole error {quadrupole:E2} vs monopole {monopole:E2}");
        Assert.True(quadrupole < 0.05, $"quadrupole error {quadrupole:E2}");
    }
}
