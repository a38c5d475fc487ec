using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLPrimer.Compression;

/// <summary>A Linear layer (y = W x + b) run in int8: weights quantized per output channel (symmetric), each input quantized per tensor
/// on the fly (asymmetric, "dynamic quantization"), the dot products accumulated in int32.</summary>
/// <remarks>y_j = s_x · s_j · (Σ_k q_x[k] q_w[j,k] − z_x Σ_k q_w[j,k]) + b_j; the row sums Σ_k q_w[j,k] are precomputed.</remarks>
public sealed class QuantizedLinear
{
    private readonly sbyte[] _weights;
    private readonly int[] _rowSums;
    private readonly double[] _scales;
    private readonly float[] _bias;

    /// <summary>Quantizes a row-major weight matrix of shape [outFeatures, inFeatures] and keeps the bias in float.</summary>
    public QuantizedLinear(float[] weight, float[]? bias, int outFeatures, int inFeatures)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (outFeatures <= 0) throw new ArgumentException($"outFeatures must be > 0 (got {outFeatures}).", nameof(outFeatures));
        if (inFeatures <= 0) throw new ArgumentException($"inFeatures must be > 0 (got {inFeatures}).", nameof(inFeatures));
        if (weight.Length != outFeatures * inFeatures)
            throw new ArgumentException($"weight must hold outFeatures * inFeatures = {outFeatures * inFeatures} values (got {weight.Length}).", nameof(weight));
        if (bias is not null && bias.Length != outFeatures)
            throw new ArgumentException($"bias must hold outFeatures = {outFeatures} values (got {bias.Length}).", nameof(bias));
        var q = AffineQuantizer.QuantizePerChannel(weight, outFeatures, bits: 8, symmetric: true);
        _weights = q.Values;
        _scales = q.Scales;
        _bias = bias is null ? new float[outFeatures] : (float[])bias.Clone();
        _rowSums = new int[outFeatures];
        for (var j = 0; j < outFeatures; j++)
            for (var k = 0; k < inFeatures; k++) _rowSums[j] += _weights[j * inFeatures + k];
        OutFeatures = outFeatures;
        InFeatures = inFeatures;
        Weight = q;
    }

    /// <summary>Number of outputs.</summary>
    public int OutFeatures { get; }

    /// <summary>Number of inputs.</summary>
    public int InFeatures { get; }

    /// <summary>The per-channel int8 weights.</summary>
    public QuantizedTensor Weight { get; }

    /// <summary>Computes y = W x + b for one input vector with an int8 × int8 → int32 matrix-vector product.</summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != InFeatures) throw new ArgumentException($"x must hold InFeatures = {InFeatures} values (got {x.Length}).", nameof(x));
        if (y.Length != OutFeatures) throw new ArgumentException($"y must hold OutFeatures = {OutFeatures} values (got {y.Length}).", nameof(y));
        var min = 0f; var max = 0f;
        foreach (var v in x) { min = Math.Min(min, v); max = Math.Max(max, v); }
        var (sx, zx) = AffineQuantizer.ChooseQParams(min, max, 8, symmetric: false);
        Span<sbyte> qx = InFeatures <= 4096 ? stackalloc sbyte[InFeatures] : new sbyte[InFeatures];
        AffineQuantizer.Quantize(x, sx, zx, -128, 127, qx);
        for (var j = 0; j < OutFeatures; j++)
        {
            var acc = Dot(qx, _weights.AsSpan(j * InFeatures, InFeatures)) - zx * _rowSums[j];
            y[j] = (float)(sx * _scales[j] * acc) + _bias[j];
        }
    }

    /// <summary>Computes Y = X Wᵀ + b for a row-major batch X of shape [rows, InFeatures].</summary>
    public float[] Forward(float[] x, int rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (rows <= 0 || x.Length != rows * InFeatures)
            throw new ArgumentException($"x must hold rows * InFeatures = {rows} * {InFeatures} values (got {x.Length}).", nameof(x));
        var y = new float[rows * OutFeatures];
        for (var r = 0; r < rows; r++) Forward(x.AsSpan(r * InFeatures, InFeatures), y.AsSpan(r * OutFeatures, OutFeatures));
        return y;
    }

    /// <summary>Σ a[k]·b[k] of two int8 vectors in int32 (AVX2: widen to int16, multiply-add pairs to int32).</summary>
    internal static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var total = 0;
        if (Avx2.IsSupported && a.Length >= 16)
        {
            var acc = Vector256<int>.Zero;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            for (; i <= a.Length - 16; i += 16)
            {
                var va = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)i));
                var vb = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)i));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(va, vb));
            }
            total = Vector256.Sum(acc);
        }
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }
}
