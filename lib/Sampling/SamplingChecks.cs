namespace MLPrimer.Sampling;

internal static class SamplingChecks
{
    /// <summary>Weights must be finite, ≥ 0, and not all zero.</summary>
    internal static double[] Weights(IReadOnlyList<double> weights, string name)
    {
        ArgumentNullException.ThrowIfNull(weights, name);
        if (weights.Count == 0) throw new ArgumentException("Weights are empty.", name);
        var w = weights.ToArray();
        for (var i = 0; i < w.Length; i++)
            if (!(w[i] >= 0) || double.IsInfinity(w[i]))
                throw new ArgumentException($"Weights must be finite numbers ≥ 0 (entry {i} is {w[i]}).", name);
        if (w.Sum() <= 0) throw new ArgumentException("Weights are all zero; at least one must be positive.", name);
        return w;
    }
}
