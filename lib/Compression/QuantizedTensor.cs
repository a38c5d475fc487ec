namespace MLPrimer.Compression;

/// <summary>Integers plus the affine parameters that map them back to reals: x ≈ (q - zeroPoint) · scale, one (scale, zero point) per tensor or per channel.</summary>
/// <remarks>Channels are the leading axis (axis 0, the output rows of a weight matrix), as in <c>torch.quantize_per_channel(w, ..., axis=0)</c>.</remarks>
public sealed class QuantizedTensor
{
    internal QuantizedTensor(sbyte[] values, double[] scales, int[] zeroPoints, int bits, bool perChannel)
    {
        Values = values;
        Scales = scales;
        ZeroPoints = zeroPoints;
        Bits = bits;
        PerChannel = perChannel;
    }

    /// <summary>The quantized integers, row-major, each in [-2^(bits-1), 2^(bits-1) - 1].</summary>
    public sbyte[] Values { get; }

    /// <summary>One scale per tensor (length 1) or per channel.</summary>
    public double[] Scales { get; }

    /// <summary>One zero point per tensor (length 1) or per channel.</summary>
    public int[] ZeroPoints { get; }

    /// <summary>Bits per stored integer.</summary>
    public int Bits { get; }

    /// <summary>True when every channel (leading-axis slice) has its own scale and zero point.</summary>
    public bool PerChannel { get; }

    /// <summary>Number of channels (1 for a per-tensor quantization).</summary>
    public int Channels => Scales.Length;

    /// <summary>Bytes to store the tensor: the integers packed at <see cref="Bits"/> bits each plus a float32 scale and an int32 zero point per channel.</summary>
    public long SizeInBytes => ((long)Values.Length * Bits + 7) / 8 + 8L * Scales.Length;

    /// <summary>Maps the integers back to floats, (q - zeroPoint) · scale, like <c>Tensor.dequantize()</c>.</summary>
    public float[] Dequantize()
    {
        var result = new float[Values.Length];
        var perChannel = Values.Length / Scales.Length;
        for (var i = 0; i < Values.Length; i++)
        {
            var c = i / perChannel;
            result[i] = (Values[i] - ZeroPoints[c]) * (float)Scales[c];
        }
        return result;
    }
}
