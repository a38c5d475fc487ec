using System.Text.Json.Nodes;
using MLPrimer.Compression;

namespace MLPrimer.Tests.Compression;

public class AffineQuantizerTests
{
    // reference/quantization-reference.json is written by reference/make_quantization_reference.py (PyTorch's observers and quantize_per_*).
    private static readonly JsonObject Reference = (JsonObject)JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Compression", "reference", "quantization-reference.json")))!;

    private static float[] Values => Reference["values"]!.AsArray().Select(v => (float)(double)v!).ToArray();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Reference["cases"]!.AsArray()) data.Add((string)c!["name"]!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = Reference["cases"]!.AsArray().Single(x => (string)x!["name"]! == name)!;
        var symmetric = (bool)c["symmetric"]!;
        var q = (bool)c["perChannel"]!
            ? AffineQuantizer.QuantizePerChannel(Values, (int)Reference["rows"]!, bits: 8, symmetric)
            : AffineQuantizer.QuantizePerTensor(Values, bits: 8, symmetric);
        var scales = c["scales"]!.AsArray().Select(v => (double)v!).ToArray();
        var zeroPoints = c["zeroPoints"]!.AsArray().Select(v => (int)v!).ToArray();
        Assert.Equal(scales.Length, q.Channels);
        for (var i = 0; i < scales.Length; i++) Assert.Equal(scales[i], q.Scales[i], scales[i] * 1e-6);
        Assert.Equal(zeroPoints, q.ZeroPoints);
        Assert.Equal(c["q"]!.AsArray().Select(v => (int)v!), q.Values.Select(v => (int)v));
        var dequantized = c["dequantized"]!.AsArray().Select(v => (double)v!).ToArray();
        var ours = q.Dequantize();
        for (var i = 0; i < ours.Length; i++) Assert.Equal(dequantized[i], ours[i], 1e-6);
    }

    [Fact]
    public void GivenParametersReproduceTorchQuantizePerChannel()
    {
        var c = Reference["cases"]!.AsArray().Single(x => (string)x!["name"]! == "per-channel affine")!;
        var q = AffineQuantizer.QuantizePerChannel(Values, c["scales"]!.AsArray().Select(v => (double)v!).ToArray(),
            c["zeroPoints"]!.AsArray().Select(v => (int)v!).ToArray());
        Assert.Equal(c["q"]!.AsArray().Select(v => (int)v!), q.Values.Select(v => (int)v));
    }

    [Fact]
    public void FourBitAffineByHand()
    {
        // x in [-1, 2], 4 bits: qmin -8, qmax 7, scale = 3 / 15 = 0.2, zero point = -8 - round(-1 / 0.2) = -3.
        // q = -3 + round(x / 0.2): -1 -> -8, 0 -> -3, 0.4 -> -1, 2 -> 7.
        var q = AffineQuantizer.QuantizePerTensor([-1f, 0f, 0.4f, 2f], bits: 4);
        Assert.Equal(0.2, q.Scales[0], 1e-6);
        Assert.Equal(-3, q.ZeroPoints[0]);
        Assert.Equal(new sbyte[] { -8, -3, -1, 7 }, q.Values);
        Assert.Equal(new[] { -1f, 0f, 0.4f, 2f }, q.Dequantize().Select(v => MathF.Round(v, 5)));
        Assert.Equal(4 / 2 + 8, q.SizeInBytes);     // four 4-bit integers in 2 bytes + float32 scale + int32 zero point
    }

    [Fact]
    public void RoundsHalfToEvenAndClamps()
    {
        // scale 0.5: x / scale = 0.5 -> 0, 1.5 -> 2, -0.5 -> 0, 2.5 -> 2; 1000 clamps to 127, -1000 to -128.
        var q = AffineQuantizer.QuantizePerTensor([0.25f, 0.75f, -0.25f, 1.25f, 1000f, -1000f], scale: 0.5, zeroPoint: 0);
        Assert.Equal(new sbyte[] { 0, 2, 0, 2, 127, -128 }, q.Values);
    }

    [Fact]
    public void SymmetricUsesZeroPointZeroAndHalfTheRange()
    {
        // max |x| = 2.55 -> scale = 2.55 / 127.5 = 0.02; 2.55 -> round(127.5) = 128 -> clamped to 127.
        var q = AffineQuantizer.QuantizePerTensor([-1f, 2.55f], symmetric: true);
        Assert.Equal(0.02, q.Scales[0], 1e-7);
        Assert.Equal(0, q.ZeroPoints[0]);
        Assert.Equal(new sbyte[] { -50, 127 }, q.Values);
    }

    [Fact]
    public void PerChannelErrorIsSmallerOnRowsOfDifferentScale()
    {
        // Row 2 is scaled by 0.01: one tensor-wide step (≈ 0.035) is wider than its whole range, so it rounds to 0;
        // its own scale keeps it within half a step of ≈ 0.0001.
        float Row2Error(QuantizedTensor q) => q.Dequantize().Zip(Values, (a, b) => MathF.Abs(a - b)).Skip(20).Take(10).Max();
        Assert.True(Row2Error(AffineQuantizer.QuantizePerChannel(Values, 6)) < Row2Error(AffineQuantizer.QuantizePerTensor(Values)) / 20);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(16)]
    public void UnsupportedBitsAreRejected(int bits)
    {
        var e = Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerTensor([1f], bits: bits));
        Assert.Equal("bits", e.ParamName);
    }

    [Fact]
    public void AFloatWideRangeGetsAFiniteScaleAndErrorsNameTheCallersArgument()
    {
        // (3e38 - (-3e38)) overflows float; before the fix the scale was infinite. 6e38 / 255 = 2.3529e36.
        var (scale, zeroPoint) = AffineQuantizer.ChooseQParams(-3e38f, 3e38f);
        Assert.Equal(6e38 / 255, scale, 6e38 / 255 * 1e-6);
        Assert.InRange(zeroPoint, -128, 127);
        var q = AffineQuantizer.QuantizePerTensor([-3e38f, 0f, 3e38f]);
        Assert.Equal(-128, q.Values[0]);
        Assert.Equal(127, q.Values[2]);
        // Non-finite inputs are reported by the name the caller used, not by an internal min or scale.
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerTensor([1f, float.NaN])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerTensor([1f, float.PositiveInfinity])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerChannel([1f, float.NegativeInfinity], 2)).ParamName);
        Assert.Equal("max", Assert.Throws<ArgumentException>(() => AffineQuantizer.ChooseQParams(0f, float.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Equal("scale", Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerTensor([1f], scale: 0, zeroPoint: 0)).ParamName);
        Assert.Equal("zeroPoint", Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerTensor([1f], scale: 1, zeroPoint: 200)).ParamName);
        Assert.Equal("channels", Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerChannel([1f, 2f, 3f], 2)).ParamName);
        Assert.Equal("channels", Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerChannel([1f, 2f], 0)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => AffineQuantizer.QuantizePerTensor([])).ParamName);
    }
}
