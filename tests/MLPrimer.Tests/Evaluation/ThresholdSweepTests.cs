using MLPrimer.Evaluation;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>The sorting engine behind the threshold metrics: key encoding and the radix sort.</summary>
public class ThresholdSweepTests
{
    [Fact]
    public void DoubleKeysSortLikeTheNumbers()
    {
        double[] values = [double.MinValue, -1e300, -1.5, -double.Epsilon, 0.0, double.Epsilon, 1e-300, 0.25, 1.0, 3.5, double.MaxValue];
        var keys = values.Select(ThresholdSweep.Encode).ToArray();
        for (int i = 1; i < keys.Length; i++) Assert.True(keys[i - 1] < keys[i], $"{values[i - 1]} vs {values[i]}");
        foreach (double v in values) Assert.Equal(v, ThresholdSweep.Decode(ThresholdSweep.Encode(v)));
        Assert.Equal(ThresholdSweep.Encode(0.0), ThresholdSweep.Encode(-0.0));
    }

    [Fact]
    public void FloatKeysSortLikeTheNumbers()
    {
        float[] values = [float.MinValue, -2.5f, -float.Epsilon, 0f, float.Epsilon, 0.1f, 1f, float.MaxValue];
        var keys = values.Select(ThresholdSweep.Encode).ToArray();
        for (int i = 1; i < keys.Length; i++) Assert.True(keys[i - 1] < keys[i]);
        foreach (float v in values) Assert.Equal(v, ThresholdSweep.Decode(ThresholdSweep.Encode(v)));
        Assert.Equal(ThresholdSweep.Encode(0f), ThresholdSweep.Encode(-0f));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(511)]
    [InlineData(513)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public void RadixSortAgreesWithArraySort(int n)
    {
        var rng = new Random(n);
        var wide = new ulong[n];
        var narrow = new uint[n];
        for (int i = 0; i < n; i++)
        {
            wide[i] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next(4) << 62);
            narrow[i] = (uint)rng.Next(1000); // many repeats and constant high digits (skipped passes)
        }
        var wideExpected = (ulong[])wide.Clone();
        Array.Sort(wideExpected);
        var narrowExpected = (uint[])narrow.Clone();
        Array.Sort(narrowExpected);
        ThresholdSweep.RadixSort<ulong>(wide, new ulong[n]);
        ThresholdSweep.RadixSort<uint>(narrow, new uint[n]);
        Assert.Equal(wideExpected, wide);
        Assert.Equal(narrowExpected, narrow);
    }

    [Fact]
    public void LargeTiedFloatInputAgreesAcrossOverloads()
    {
        const int n = 200_000;
        var rng = new Random(7);
        var y = new int[n];
        var f = new float[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextDouble() < 0.2 ? 1 : 0;
            f[i] = MathF.Round((float)rng.NextDouble() * 1000f + 300f * y[i]) / 1000f;
        }
        var d = f.Select(v => (double)v).ToArray();
        Assert.Equal(Metrics.RocAuc(y, d), Metrics.RocAuc(y, f));
        Assert.Equal(Metrics.AveragePrecision(y, d), Metrics.AveragePrecision(y, f));
        Assert.Equal(Metrics.RocCurve(y, d).Thresholds, Metrics.RocCurve(y, f).Thresholds);
        Assert.Equal(Metrics.PrecisionRecallCurve(y, d).Precision, Metrics.PrecisionRecallCurve(y, f).Precision);
        // The AUC from the curve's trapezoids equals the one computed in integer counts.
        var roc = Metrics.RocCurve(y, f);
        Assert.Equal(Metrics.RocAuc(y, f), Metrics.Auc(roc.FalsePositiveRate, roc.TruePositiveRate), 1e-12);
    }
}
