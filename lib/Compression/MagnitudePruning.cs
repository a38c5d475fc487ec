namespace MLPrimer.Compression;

/// <summary>Magnitude pruning: unstructured (zero the smallest |w|, like <c>torch.nn.utils.prune.l1_unstructured</c>) and
/// structured (drop whole output neurons with the smallest L2 norm, like <c>prune.ln_structured(n=2, dim=0)</c>).</summary>
public static class MagnitudePruning
{
    /// <summary>Keep-mask that zeroes round(sparsity · n) weights of smallest absolute value (ties go to the lower index).</summary>
    public static bool[] Mask(ReadOnlySpan<float> weights, double sparsity)
    {
        CheckSparsity(sparsity);
        var n = weights.Length;
        for (var i = 0; i < n; i++)
            if (!float.IsFinite(weights[i])) throw new ArgumentException($"weights must be finite (entry {i} is {weights[i]}).", nameof(weights));
        var prune = (int)Math.Round(sparsity * n, MidpointRounding.ToEven);
        var magnitudes = new float[n];
        for (var i = 0; i < n; i++) magnitudes[i] = Math.Abs(weights[i]);
        var keep = Enumerable.Repeat(true, n).ToArray();
        var sorted = Enumerable.Range(0, n).OrderBy(i => magnitudes[i]).ThenBy(i => i).ToArray();   // ascending |w|, stable
        for (var i = 0; i < prune; i++) keep[sorted[i]] = false;
        return keep;
    }

    /// <summary>A copy of the weights with the round(sparsity · n) smallest-magnitude entries set to 0.</summary>
    public static float[] Prune(ReadOnlySpan<float> weights, double sparsity)
    {
        var keep = Mask(weights, sparsity);
        var result = weights.ToArray();
        for (var i = 0; i < result.Length; i++) if (!keep[i]) result[i] = 0f;
        return result;
    }

    /// <summary>Keep-mask over the rows (output neurons) of a [rows, columns] weight matrix that drops round(sparsity · rows) rows of smallest L2 norm.</summary>
    public static bool[] NeuronMask(ReadOnlySpan<float> weights, int rows, double sparsity)
    {
        CheckSparsity(sparsity);
        if (rows <= 0 || weights.Length % rows != 0)
            throw new ArgumentException($"rows must be > 0 and divide the {weights.Length} weights (got {rows}).", nameof(rows));
        var columns = weights.Length / rows;
        var norms = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            double s = 0;
            foreach (var w in weights.Slice(r * columns, columns)) s += (double)w * w;
            norms[r] = Math.Sqrt(s);
        }
        var prune = (int)Math.Round(sparsity * rows, MidpointRounding.ToEven);
        var keep = Enumerable.Repeat(true, rows).ToArray();
        foreach (var r in Enumerable.Range(0, rows).OrderBy(r => norms[r]).ThenBy(r => r).Take(prune)) keep[r] = false;
        return keep;
    }

    /// <summary>Fraction of entries that are exactly zero.</summary>
    public static double Sparsity(ReadOnlySpan<float> weights)
    {
        if (weights.IsEmpty) throw new ArgumentException("weights must not be empty.", nameof(weights));
        var zeros = 0;
        foreach (var w in weights) if (w == 0f) zeros++;
        return (double)zeros / weights.Length;
    }

    /// <summary>Bytes of a [rows, columns] float32 matrix stored dense: 4 · rows · columns.</summary>
    public static long DenseBytes(int rows, int columns) => 4L * rows * columns;

    /// <summary>Bytes of the same matrix in CSR with float32 values and int32 indices: 8 · nonzeros + 4 · (rows + 1).</summary>
    public static long CsrBytes(ReadOnlySpan<float> weights, int rows)
    {
        if (rows <= 0 || weights.Length % rows != 0)
            throw new ArgumentException($"rows must be > 0 and divide the {weights.Length} weights (got {rows}).", nameof(rows));
        long nonzeros = 0;
        foreach (var w in weights) if (w != 0f) nonzeros++;
        return 8 * nonzeros + 4L * (rows + 1);
    }

    private static void CheckSparsity(double sparsity)
    {
        if (!(sparsity >= 0 && sparsity < 1)) throw new ArgumentException($"sparsity must be in [0, 1) (got {sparsity}).", nameof(sparsity));
    }
}
