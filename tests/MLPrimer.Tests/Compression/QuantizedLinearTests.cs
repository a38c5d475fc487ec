using MLPrimer.Compression;

namespace MLPrimer.Tests.Compression;

public class QuantizedLinearTests
{
    [Fact]
    public void IntegerDotEqualsScalarSum()
    {
        var rng = new Random(1);
        foreach (var n in new[] { 1, 15, 16, 37, 300 })
        {
            var a = Enumerable.Range(0, n).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
            Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), QuantizedLinear.Dot(a, b));
        }
    }

    [Fact]
    public void ForwardIsCloseToTheFloatLayer()
    {
        var rng = new Random(2);
        int outF = 7, inF = 40;
        var w = Enumerable.Range(0, outF * inF).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, outF).Select(_ => (float)rng.NextDouble()).ToArray();
        var x = Enumerable.Range(0, 3 * inF).Select(_ => (float)(rng.NextDouble() * 3 - 0.5)).ToArray();   // asymmetric inputs
        var layer = new QuantizedLinear(w, b, outF, inF);
        var y = layer.Forward(x, 3);
        for (var r = 0; r < 3; r++)
            for (var j = 0; j < outF; j++)
            {
                var exact = b[j] + Enumerable.Range(0, inF).Sum(k => (double)w[j * inF + k] * x[r * inF + k]);
                // each product carries at most half a step of error in x (3.5/255) and in w (1/127.5): bound the sum loosely.
                Assert.True(Math.Abs(y[r * outF + j] - exact) < 0.1, $"row {r} out {j}: {y[r * outF + j]} vs {exact}");
            }
    }

    [Fact]
    public void BadShapesAreRejected()
    {
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => new QuantizedLinear(new float[5], null, 2, 3)).ParamName);
        Assert.Equal("outFeatures", Assert.Throws<ArgumentException>(() => new QuantizedLinear(new float[0], null, 0, 3)).ParamName);
        var layer = new QuantizedLinear(new float[6], null, 2, 3);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => layer.Forward(new float[4], 1)).ParamName);
    }
}
