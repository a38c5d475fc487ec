using MLPrimer.Manifold;
using TorchSharp;

namespace MLPrimer.Tests.Manifold;

public class TSneTests
{
    // Three Gaussian blobs in 10-D, 50 points each, centres 20 apart, unit spread: obviously separable.
    private static (float[][] Data, int[] Labels) Blobs(int perBlob = 50, int seed = 1)
    {
        var random = new Random(seed);
        var data = new List<float[]>();
        var labels = new List<int>();
        for (var c = 0; c < 3; c++)
            for (var i = 0; i < perBlob; i++)
            {
                var row = new float[10];
                for (var j = 0; j < 10; j++)
                {
                    var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    row[j] = (float)((j == c ? 20 : 0) + gauss);
                }
                data.Add(row);
                labels.Add(c);
            }
        return (data.ToArray(), labels.ToArray());
    }

    // Fraction of points whose nearest class centroid in the embedding is their own class.
    private static double NearestCentroidAccuracy(float[][] embedding, int[] labels)
    {
        var centroids = Enumerable.Range(0, 3).Select(c =>
        {
            var members = embedding.Where((_, i) => labels[i] == c).ToArray();
            return new[] { members.Average(r => r[0]), members.Average(r => r[1]) };
        }).ToArray();
        var correct = embedding.Where((r, i) =>
            Enumerable.Range(0, 3).MinBy(c => Math.Pow(r[0] - centroids[c][0], 2) + Math.Pow(r[1] - centroids[c][1], 2)) == labels[i]).Count();
        return (double)correct / labels.Length;
    }

    [Theory]
    [InlineData(TSneMethod.BarnesHut, TSneInit.Pca)]
    [InlineData(TSneMethod.BarnesHut, TSneInit.Random)]
    [InlineData(TSneMethod.Exact, TSneInit.Pca)]
    public void SeparatesThreeBlobs(TSneMethod method, TSneInit init)
    {
        var (data, labels) = Blobs();
        var tsne = new TSne { Perplexity = 20, Method = method, Init = init, Seed = 5, Device = torch.CPU };
        var embedding = tsne.FitTransform(data);

        Assert.Equal(150, embedding.Length);
        Assert.All(embedding, r => Assert.Equal(2, r.Length));
        Assert.Equal(1.0, NearestCentroidAccuracy(embedding, labels));
        Assert.True(ManifoldMetrics.Trustworthiness(data, embedding, 5) > 0.95);
        Assert.Equal(method, tsne.MethodUsed);
        Assert.InRange(tsne.KlDivergence, 0.0, 2.0);
        Assert.Equal(1000, tsne.IterationsRun);
    }

    [Fact]
    public void SameSeedGivesTheSameEmbedding()
    {
        var (data, _) = Blobs(20);
        var a = new TSne { Perplexity = 10, Init = TSneInit.Random, Seed = 11, MaxIterations = 300, Method = TSneMethod.BarnesHut, Device = torch.CPU }.FitTransform(data);
        var b = new TSne { Perplexity = 10, Init = TSneInit.Random, Seed = 11, MaxIterations = 300, Method = TSneMethod.BarnesHut, Device = torch.CPU }.FitTransform(data);
        Assert.Equal(a.SelectMany(r => r), b.SelectMany(r => r));
    }

    [Fact]
    public void ReportedKlIsTheKlOfTheReturnedEmbedding()
    {
        var (data, _) = Blobs(20);
        var tsne = new TSne { Perplexity = 10, MaxIterations = 300, Method = TSneMethod.BarnesHut, Device = torch.CPU };
        var embedding = tsne.FitTransform(data);
        Assert.Equal(tsne.KlDivergence, tsne.KlDivergenceOf(data, embedding), 6);
        // The same coordinates dealt to the wrong points fit P far worse.
        var shuffled = embedding.ToArray();
        new Random(0).Shuffle(shuffled);
        Assert.True(tsne.KlDivergenceOf(data, shuffled) > tsne.KlDivergence + 0.5);
    }

    [Fact]
    public void AutoLearningRateFollowsScikitLearn()
    {
        var (data, _) = Blobs(20);   // n = 60: 60 / 12 / 4 = 1.25, so the floor of 50 applies
        var tsne = new TSne { Perplexity = 10, MaxIterations = 250, Device = torch.CPU };
        tsne.FitTransform(data);
        Assert.Equal(50, tsne.EffectiveLearningRate);
        var (more, _) = Blobs(100);  // n = 300, exaggeration 1: 300 / 1 / 4 = 75
        var second = new TSne { Perplexity = 10, EarlyExaggeration = 1, MaxIterations = 250, Device = torch.CPU };
        second.FitTransform(more);
        Assert.Equal(75, second.EffectiveLearningRate, 12);
        Assert.Equal(TSneMethod.BarnesHut, second.MethodUsed);   // Auto on the CPU, 2-D
    }

    [Fact]
    public void ExactMethodEmbedsIntoThreeDimensions()
    {
        var (data, labels) = Blobs(20);
        var tsne = new TSne { Components = 3, Perplexity = 10, Device = torch.CPU, MaxIterations = 500 };
        var embedding = tsne.FitTransform(data);
        Assert.Equal(TSneMethod.Exact, tsne.MethodUsed);
        Assert.All(embedding, r => Assert.Equal(3, r.Length));
        Assert.True(ManifoldMetrics.Trustworthiness(data, embedding, 5) > 0.95);
    }

    [Fact]
    public void ProgressIsLoggedEveryFiftyIterations()
    {
        var (data, _) = Blobs(20);
        var log = new StringWriter();
        new TSne { Perplexity = 10, MaxIterations = 300, Device = torch.CPU, Log = log }.FitTransform(data);
        var text = log.ToString();
        Assert.Contains("iteration   50: KL divergence", text);
        Assert.Contains("iteration  300: KL divergence", text);
        Assert.Contains("done: 300 iterations", text);
    }

    [Fact]
    public void BadDataIsRejectedWithTheRule()
    {
        var tsne = new TSne { Perplexity = 5, Device = torch.CPU };
        var empty = Assert.Throws<ArgumentException>(() => tsne.FitTransform([]));
        Assert.Equal("data", empty.ParamName);
        var ragged = Assert.Throws<ArgumentException>(() => tsne.FitTransform([[1, 2], [3], [4, 5]]));
        Assert.Equal("data", ragged.ParamName);
        Assert.Contains("row 1", ragged.Message);
        var nan = Assert.Throws<ArgumentException>(() => tsne.FitTransform([[1, 2], [float.NaN, 0], [4, 5]]));
        Assert.Equal("data", nan.ParamName);
        // scikit-learn's rule: perplexity must be less than the number of points.
        var (blobs, _) = Blobs(2);   // 6 points
        var tooFew = Assert.Throws<ArgumentException>(() => new TSne { Perplexity = 6, Device = torch.CPU }.FitTransform(blobs));
        Assert.Equal("Perplexity", tooFew.ParamName);
        Assert.Contains("less than the number of points", tooFew.Message);
        Assert.Equal("Init", Assert.Throws<ArgumentException>(() =>
            new TSne { Perplexity = 1, Components = 3, Device = torch.CPU }.FitTransform([[1, 2], [2, 3], [5, 1], [0, 0]])).ParamName);
        Assert.Equal("Method", Assert.Throws<ArgumentException>(() =>
            new TSne { Perplexity = 2, Components = 3, Method = TSneMethod.BarnesHut, Device = torch.CPU }.FitTransform(blobs)).ParamName);
    }

    [Fact]
    public void BadOptionsAreRejectedWhenSet()
    {
        Assert.Equal("Components", Assert.Throws<ArgumentException>(() => new TSne { Components = 0 }).ParamName);
        Assert.Equal("Perplexity", Assert.Throws<ArgumentException>(() => new TSne { Perplexity = 0 }).ParamName);
        Assert.Equal("Perplexity", Assert.Throws<ArgumentException>(() => new TSne { Perplexity = double.NaN }).ParamName);
        Assert.Equal("EarlyExaggeration", Assert.Throws<ArgumentException>(() => new TSne { EarlyExaggeration = 0.5 }).ParamName);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentException>(() => new TSne { LearningRate = -1 }).ParamName);
        Assert.Equal("MaxIterations", Assert.Throws<ArgumentException>(() => new TSne { MaxIterations = 249 }).ParamName);
        Assert.Equal("Angle", Assert.Throws<ArgumentException>(() => new TSne { Angle = 1.5 }).ParamName);
    }
}
