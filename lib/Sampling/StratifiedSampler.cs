namespace MLPrimer.Sampling;

/// <summary>Stratified sampling: draw from each stratum separately, so the sample's stratum shares match the population's (proportional allocation).</summary>
public static class StratifiedSampler
{
    /// <summary>How many of <paramref name="size"/> draws each stratum gets when allocation is proportional to <paramref name="stratumSizes"/>.</summary>
    /// <remarks>Stratum h gets <c>floor(size · N_h / N)</c>; the draws still missing go one each to the strata with the largest
    /// fractional remainders (ties: the lower index). No stratum gets more than it holds.</remarks>
    public static int[] Allocate(IReadOnlyList<int> stratumSizes, int size)
    {
        ArgumentNullException.ThrowIfNull(stratumSizes);
        if (stratumSizes.Count == 0) throw new ArgumentException("There are no strata.", nameof(stratumSizes));
        if (stratumSizes.Any(n => n <= 0))
            throw new ArgumentException("Every stratum must hold at least one row (an empty stratum cannot be sampled).", nameof(stratumSizes));
        long total = stratumSizes.Sum(n => (long)n);
        if (size <= 0 || size > total)
            throw new ArgumentException($"size must be between 1 and the population size {total} (got {size}).", nameof(size));
        var exact = stratumSizes.Select(n => (double)size * n / total).ToArray();
        var alloc = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var missing = size - alloc.Sum();
        foreach (var h in Enumerable.Range(0, exact.Length).OrderByDescending(h => exact[h] - alloc[h]).ThenBy(h => h))
        {
            if (missing == 0) break;
            if (alloc[h] < stratumSizes[h]) { alloc[h]++; missing--; }
        }
        return alloc;
    }

    /// <summary>Draws <paramref name="size"/> row indices without replacement, proportionally from each stratum of <paramref name="strata"/> (one label per row).</summary>
    /// <returns>Row indices, grouped by stratum in order of first appearance and ascending within a stratum.</returns>
    public static int[] Sample<TLabel>(IReadOnlyList<TLabel> strata, int size, int? seed = null) where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(strata);
        if (strata.Count == 0) throw new ArgumentException("strata is empty: there are no rows to sample.", nameof(strata));
        var groups = Enumerable.Range(0, strata.Count).GroupBy(i => strata[i]).Select(g => g.ToArray()).ToArray();
        var alloc = Allocate(groups.Select(g => g.Length).ToArray(), size);
        var rng = seed is int s ? new Random(s) : new Random();
        var result = new List<int>(size);
        for (var h = 0; h < groups.Length; h++)
        {
            var picks = RandomSampling.Choice(groups[h].Length, alloc[h], seed: rng.Next());
            result.AddRange(picks.Select(p => groups[h][p]).Order());
        }
        return result.ToArray();
    }

    /// <summary>The stratified estimate of a population mean: Σ_h (N_h/N) · (mean of the sampled values in stratum h).</summary>
    public static double Mean<TLabel>(IReadOnlyList<TLabel> strata, IReadOnlyList<double> values, IReadOnlyList<int> sample) where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(strata);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(sample);
        if (values.Count != strata.Count)
            throw new ArgumentException($"values has {values.Count} entries for {strata.Count} rows; it needs one per row.", nameof(values));
        for (var i = 0; i < strata.Count; i++)
        {
            if (strata[i] is null) throw new ArgumentException($"strata[{i}] is null; every row needs a stratum.", nameof(strata));
            if (!double.IsFinite(values[i])) throw new ArgumentException($"values[{i}] is {values[i]}; values must be finite.", nameof(values));
        }
        foreach (var i in sample)
            if ((uint)i >= (uint)strata.Count)
                throw new ArgumentException($"sample holds row {i}, outside 0..{strata.Count - 1}.", nameof(sample));
        var sizes = new Dictionary<TLabel, int>();
        foreach (var label in strata) sizes[label] = sizes.GetValueOrDefault(label) + 1;
        var sampled = sample.GroupBy(i => strata[i]).ToDictionary(g => g.Key, g => g.Average(i => values[i]));
        var missing = sizes.Keys.FirstOrDefault(k => !sampled.ContainsKey(k));
        if (sampled.Count < sizes.Count)
            throw new ArgumentException($"The sample holds no row of stratum '{missing}'; every stratum needs at least one.", nameof(sample));
        return sizes.Sum(kv => (double)kv.Value / strata.Count * sampled[kv.Key]);
    }
}
