using MLPrimer.Compression;

namespace MLPrimer.Tests.Compression;

public class MagnitudePruningTests
{
    [Fact]
    public void PrunesTheSmallestMagnitudesByHand()
    {
        // |w| sorted: 0.05, 0.1, 0.2, 1, 3, 4; sparsity 0.5 removes the first three.
        var pruned = MagnitudePruning.Prune([0.1f, -3f, 0.2f, -0.05f, 4f, 1f], 0.5);
        Assert.Equal(new[] { 0f, -3f, 0f, 0f, 4f, 1f }, pruned);
        Assert.Equal(0.5, MagnitudePruning.Sparsity(pruned));
        Assert.Equal(3 * 8 + 4 * 3, MagnitudePruning.CsrBytes(pruned, rows: 2));   // 3 nonzeros × (value + index) + 3 row pointers
        Assert.Equal(24, MagnitudePruning.DenseBytes(2, 3));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void SparsityIsExactAndTheKeptWeightsAreTheLargest(double sparsity)
    {
        var rng = new Random(3);
        var w = Enumerable.Range(0, 1000).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var keep = MagnitudePruning.Mask(w, sparsity);
        Assert.Equal((int)Math.Round(sparsity * 1000), keep.Count(k => !k));
        Assert.Equal(sparsity, MagnitudePruning.Sparsity(MagnitudePruning.Prune(w, sparsity)), 1e-12);
        if (sparsity > 0)
            Assert.True(w.Where((_, i) => keep[i]).Min(MathF.Abs) >= w.Where((_, i) => !keep[i]).Max(MathF.Abs));
    }

    [Fact]
    public void NeuronMaskDropsTheRowsWithSmallestNorm()
    {
        // row norms: √2 ≈ 1.41, 5, 0.1, 3 -> sparsity 0.5 drops rows 2 and 0.
        float[] w = [1, 1, 3, 4, 0.1f, 0, 0, 3];
        Assert.Equal(new[] { false, true, false, true }, MagnitudePruning.NeuronMask(w, rows: 4, sparsity: 0.5));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void SparsityOutsideZeroToOneIsRejected(double sparsity)
    {
        Assert.Equal("sparsity", Assert.Throws<ArgumentException>(() => MagnitudePruning.Mask([1f, 2f], sparsity)).ParamName);
        Assert.Equal("sparsity", Assert.Throws<ArgumentException>(() => MagnitudePruning.NeuronMask([1f, 2f], 2, sparsity)).ParamName);
    }

    [Fact]
    public void BadRowsAreRejected() =>
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => MagnitudePruning.CsrBytes([1f, 2f, 3f], 2)).ParamName);
}
