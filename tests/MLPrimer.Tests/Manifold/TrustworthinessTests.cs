using MLPrimer.Manifold;

namespace MLPrimer.Tests.Manifold;

public class TrustworthinessTests
{
    public static TheoryData<int> CaseIndices() => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void MatchesScikitLearn(int index)
    {
        var c = TsneReference.Cases("trustworthiness")[index]!;
        var data = TsneReference.Floats(c["data"]!);
        var embedding = TsneReference.Floats(c["embedding"]!);
        var expected = c["trustworthiness"]!.GetValue<double>();
        Assert.Equal(expected, ManifoldMetrics.Trustworthiness(data, embedding, c["k"]!.GetValue<int>()), 10);
    }

    [Fact]
    public void AnEmbeddingThatKeepsEveryNeighbourScoresOne()
    {
        var data = Enumerable.Range(0, 20).Select(i => new[] { i * 1f, i * i * 0.01f, 3f }).ToArray();
        var embedding = Enumerable.Range(0, 20).Select(i => new[] { i * 2f + 1 }).ToArray();
        Assert.Equal(1.0, ManifoldMetrics.Trustworthiness(data, embedding, 3), 12);
    }

    [Fact]
    public void HandCalculatedPenalty()
    {
        // Four points on a line at 0, 1, 2, 4 (input); the embedding swaps the two ends: 4, 1, 2, 0.
        // k = 1: input nearest neighbours: 0→1, 1→0 (tie with 2 broken by index), 2→1, 3→2.
        // embedding nearest neighbours: 0 (at 4)→2 (at 2), 1→2, 2→1, 3 (at 0)→1.
        // Ranks in input space: r(0,2) = 2, r(1,2) = 2, r(2,1) = 1, r(3,1) = 2 → penalties 1 + 1 + 0 + 1 = 3.
        // T = 1 − 2/(n k (2n − 3k − 1)) · 3 = 1 − 2/(4·1·4) · 3 = 0.625.
        // (n/2 = 2 > k = 1, scikit-learn's rule holds.)
        float[][] data = [[0], [1], [2], [4]];
        float[][] embedding = [[4], [1], [2], [0]];
        Assert.Equal(0.625, ManifoldMetrics.Trustworthiness(data, embedding, 1), 12);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        float[][] data = [[0, 1], [1, 1], [2, 0], [3, 3], [4, 1], [5, 0]];
        float[][] embedding = [[0], [1], [2], [3], [4], [5]];
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => ManifoldMetrics.Trustworthiness(data, embedding, 3)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => ManifoldMetrics.Trustworthiness(data, embedding, 0)).ParamName);
        Assert.Equal("embedding", Assert.Throws<ArgumentException>(() => ManifoldMetrics.Trustworthiness(data, embedding[..5], 1)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => ManifoldMetrics.Trustworthiness([[0, 1], [1]], [[0], [1]], 1)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => ManifoldMetrics.Trustworthiness([], [], 1)).ParamName);
    }
}
