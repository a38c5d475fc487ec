using MLPrimer.Sampling;

namespace MLPrimer.Tests.Sampling;

/// <summary>The Box–Muller draw checked with chosen uniforms (hand-worked values), then its moments over many draws.</summary>
public class RandomExtensionsTests
{
    /// <summary>A Random that returns the given uniforms in order, so the transform can be checked by hand.</summary>
    private sealed class FixedUniforms(params double[] values) : Random
    {
        private int _next;
        public override double NextDouble() => values[_next++];
    }

    [Fact]
    public void BoxMullerMatchesHandWorkedValues()
    {
        // u1 = 1 - e^-0.5: sqrt(-2 ln e^-0.5) = sqrt(1) = 1; u2 = 0: cos 0 = 1  =>  1
        Assert.Equal(1.0, new FixedUniforms(1 - Math.Exp(-0.5), 0.0).NextGaussian(), 12);
        // u1 = 1 - e^-2: sqrt(4) = 2; u2 = 0.5: cos π = -1  =>  -2
        Assert.Equal(-2.0, new FixedUniforms(1 - Math.Exp(-2), 0.5).NextGaussian(), 12);
        // u1 = 0 (the smallest uniform): ln 1 = 0  =>  0, never infinite
        Assert.Equal(0.0, new FixedUniforms(0.0, 0.3).NextGaussian(), 12);
        // mean 3, std 0.5 with the draw -2  =>  3 + 0.5 * (-2) = 2
        Assert.Equal(2.0, new FixedUniforms(1 - Math.Exp(-2), 0.5).NextGaussian(3, 0.5), 12);
    }

    [Fact]
    public void SeededDrawsAreTheNotebooksFormula()
    {
        // The notebooks' own definition, which this helper replaces; the numbers must stay identical.
        static double Notebook(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
        Random a = new(7), b = new(7);
        for (var i = 0; i < 100; i++) Assert.Equal(Notebook(b), a.NextGaussian());
    }

    [Fact]
    public void DrawsHaveMeanZeroAndVarianceOne()
    {
        // 40 000 draws: the standard error of the mean is 1/200 = 0.005 and of the variance about sqrt(2/40000) = 0.007.
        var rng = new Random(1);
        var x = Enumerable.Range(0, 40_000).Select(_ => rng.NextGaussian()).ToArray();
        var mean = x.Average();
        var variance = x.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.025, 0.025);
        Assert.InRange(variance, 0.965, 1.035);
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Throws<ArgumentNullException>("rng", () => ((Random)null!).NextGaussian());
        Assert.Equal("std", Assert.Throws<ArgumentException>(() => new Random(0).NextGaussian(0, -1)).ParamName);
        Assert.Equal("std", Assert.Throws<ArgumentException>(() => new Random(0).NextGaussian(0, double.NaN)).ParamName);
        Assert.Equal("mean", Assert.Throws<ArgumentException>(() => new Random(0).NextGaussian(double.PositiveInfinity, 1)).ParamName);
    }
}
