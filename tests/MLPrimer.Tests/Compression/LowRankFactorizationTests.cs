using MLPrimer.Compression;

namespace MLPrimer.Tests.Compression;

public class LowRankFactorizationTests
{
    private static float[] RandomMatrix(int rows, int columns, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, rows * columns).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
    }

    private static double FrobeniusDistance(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void ErrorEqualsTheTailSingularValues(int rank)
    {
        // Eckart–Young: ‖W − W_r‖_F = √(σ_{r+1}² + … + σ_n²).
        var w = RandomMatrix(9, 6, seed: 4);
        var f = LowRankFactorization.Fit(w, 9, 6, rank);
        Assert.Equal(f.TailNorm, FrobeniusDistance(w, f.Reconstruct()), 1e-5);
        Assert.Equal(rank * (9 + 6), f.ParameterCount);
        Assert.Equal(6, f.SingularValues.Length);
        Assert.True(f.SingularValues.Zip(f.SingularValues.Skip(1), (a, b) => a >= b).All(x => x));
    }

    [Fact]
    public void DiagonalMatrixByHand()
    {
        // diag(3, 2, 1): singular values 3, 2, 1; rank 1 keeps 3, the error is √(2² + 1²) = √5.
        float[] w = [3, 0, 0, 0, 2, 0, 0, 0, 1];
        var f = LowRankFactorization.Fit(w, 3, 3, 1);
        Assert.Equal(new[] { 3.0, 2.0, 1.0 }, f.SingularValues.Select(s => Math.Round(s, 10)));
        Assert.Equal(Math.Sqrt(5), FrobeniusDistance(w, f.Reconstruct()), 1e-6);
        Assert.Equal(new[] { 3f, 0, 0, 0, 0, 0, 0, 0, 0 }, f.Reconstruct().Select(v => MathF.Round(v, 5)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void RankOutsideOneToMinDimensionIsRejected(int rank) =>
        Assert.Equal("rank", Assert.Throws<ArgumentException>(() => LowRankFactorization.Fit(new float[12], 3, 4, rank)).ParamName);
}
