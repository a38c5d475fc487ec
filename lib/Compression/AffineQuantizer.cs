namespace MLPrimer.Compression;

/// <summary>Post-training affine quantization to signed integers of 2 to 8 bits, per tensor or per channel, with PyTorch's rules
/// (<c>MinMaxObserver</c> for the parameters, <c>torch.quantize_per_tensor</c> / <c>quantize_per_channel</c> for the rounding).</summary>
/// <remarks>scale = (max - min) / (qmax - qmin) over the range widened to include 0; zeroPoint = qmin - round(min / scale);
/// q = clamp(zeroPoint + round(x / scale), qmin, qmax), rounding half to even. Symmetric: scale = max|x| / ((qmax - qmin) / 2), zeroPoint = 0.</remarks>
public static class AffineQuantizer
{
    /// <summary>The integer range of a signed <paramref name="bits"/>-bit type: [-2^(bits-1), 2^(bits-1) - 1].</summary>
    public static (int QMin, int QMax) Range(int bits)
    {
        if (bits is < 2 or > 8) throw new ArgumentException($"bits must be between 2 and 8 (got {bits}).", nameof(bits));
        return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1);
    }

    /// <summary>Scale and zero point for values in [<paramref name="min"/>, <paramref name="max"/>], as PyTorch's MinMaxObserver computes them (float32 arithmetic).</summary>
    public static (double Scale, int ZeroPoint) ChooseQParams(float min, float max, int bits = 8, bool symmetric = false)
    {
        var (qmin, qmax) = Range(bits);
        Guard.Finite(min, nameof(min));
        Guard.Finite(max, nameof(max));
        if (min > max) throw new ArgumentException($"min must be <= max (got {min} and {max}).", nameof(min));
        var minNeg = Math.Min(min, 0f);
        var maxPos = Math.Max(max, 0f);
        if (symmetric)
        {
            var scaleSym = Math.Max(Math.Max(-minNeg, maxPos) / ((qmax - qmin) / 2f), 1.1920929e-07f);
            return (scaleSym, 0);
        }
        var span = maxPos - minNeg;
        // A range wider than float's (e.g. -3e38 to 3e38) overflows the float subtraction; divide it in double then.
        var scale = Math.Max(float.IsFinite(span) ? span / (float)(qmax - qmin) : (float)(((double)maxPos - minNeg) / (qmax - qmin)),
            1.1920929e-07f);   // torch.finfo(float32).eps
        var zeroPoint = qmin - (int)MathF.Round(minNeg / scale, MidpointRounding.ToEven);
        return (scale, Math.Clamp(zeroPoint, qmin, qmax));
    }

    /// <summary>Quantizes with one scale and zero point chosen from the values' own min and max.</summary>
    public static QuantizedTensor QuantizePerTensor(ReadOnlySpan<float> values, int bits = 8, bool symmetric = false)
    {
        if (values.IsEmpty) throw new ArgumentException("values must not be empty.", nameof(values));
        Guard.Finite(values, nameof(values), "The scale is chosen from their range.");
        var (scale, zeroPoint) = ChooseQParams(Min(values), Max(values), bits, symmetric);
        return QuantizePerTensor(values, scale, zeroPoint, bits);
    }

    /// <summary>Quantizes with a given scale and zero point, like <c>torch.quantize_per_tensor(x, scale, zero_point, torch.qint8)</c>.</summary>
    public static QuantizedTensor QuantizePerTensor(ReadOnlySpan<float> values, double scale, int zeroPoint, int bits = 8)
    {
        var (qmin, qmax) = Range(bits);
        CheckScale(scale, zeroPoint, qmin, qmax);
        var q = new sbyte[values.Length];
        Quantize(values, scale, zeroPoint, qmin, qmax, q);
        return new QuantizedTensor(q, [scale], [zeroPoint], bits, perChannel: false);
    }

    /// <summary>Quantizes each of <paramref name="channels"/> equal leading-axis slices (rows) with its own min/max-derived scale and zero point.</summary>
    public static QuantizedTensor QuantizePerChannel(ReadOnlySpan<float> values, int channels, int bits = 8, bool symmetric = false)
    {
        CheckChannels(values.Length, channels);
        Guard.Finite(values, nameof(values), "The scale is chosen from their range.");
        var per = values.Length / channels;
        var scales = new double[channels];
        var zeroPoints = new int[channels];
        for (var c = 0; c < channels; c++)
        {
            var row = values.Slice(c * per, per);
            (scales[c], zeroPoints[c]) = ChooseQParams(Min(row), Max(row), bits, symmetric);
        }
        return QuantizePerChannel(values, scales, zeroPoints, bits);
    }

    /// <summary>Quantizes row c with scales[c] and zeroPoints[c], like <c>torch.quantize_per_channel(x, scales, zero_points, axis=0, dtype=torch.qint8)</c>.</summary>
    public static QuantizedTensor QuantizePerChannel(ReadOnlySpan<float> values, double[] scales, int[] zeroPoints, int bits = 8)
    {
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(zeroPoints);
        if (scales.Length != zeroPoints.Length)
            throw new ArgumentException($"scales and zeroPoints must have the same length (got {scales.Length} and {zeroPoints.Length}).", nameof(zeroPoints));
        CheckChannels(values.Length, scales.Length);
        var (qmin, qmax) = Range(bits);
        var per = values.Length / scales.Length;
        var q = new sbyte[values.Length];
        for (var c = 0; c < scales.Length; c++)
        {
            CheckScale(scales[c], zeroPoints[c], qmin, qmax);
            Quantize(values.Slice(c * per, per), scales[c], zeroPoints[c], qmin, qmax, q.AsSpan(c * per, per));
        }
        return new QuantizedTensor(q, (double[])scales.Clone(), (int[])zeroPoints.Clone(), bits, perChannel: true);
    }

    internal static void Quantize(ReadOnlySpan<float> x, double scale, int zeroPoint, int qmin, int qmax, Span<sbyte> q)
    {
        var inverse = 1f / (float)scale;                      // ATen multiplies by a float inverse scale
        for (var i = 0; i < x.Length; i++)
        {
            var v = zeroPoint + (long)MathF.Round(x[i] * inverse, MidpointRounding.ToEven);
            q[i] = (sbyte)Math.Clamp(v, qmin, qmax);
        }
    }

    private static void CheckScale(double scale, int zeroPoint, int qmin, int qmax)
    {
        if (!(scale > 0) || double.IsInfinity(scale)) throw new ArgumentException($"scale must be a positive finite number (got {scale}).", nameof(scale));
        if (zeroPoint < qmin || zeroPoint > qmax)
            throw new ArgumentException($"zeroPoint must be in [{qmin}, {qmax}] (got {zeroPoint}).", nameof(zeroPoint));
    }

    private static void CheckChannels(int length, int channels)
    {
        if (channels <= 0) throw new ArgumentException($"channels must be > 0 (got {channels}).", nameof(channels));
        if (length == 0 || length % channels != 0)
            throw new ArgumentException($"values must split into {channels} equal non-empty channels (got {length} values).", nameof(channels));
    }

    private static float Min(ReadOnlySpan<float> v) { var m = float.PositiveInfinity; foreach (var x in v) m = Math.Min(m, x); return m; }

    private static float Max(ReadOnlySpan<float> v) { var m = float.NegativeInfinity; foreach (var x in v) m = Math.Max(m, x); return m; }
}
