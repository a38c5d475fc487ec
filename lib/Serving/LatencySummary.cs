using MLPrimer.Exploration;

namespace MLPrimer.Serving;

/// <summary>Count, mean and tail percentiles of a set of latencies (any unit; the notebooks use milliseconds).</summary>
public sealed record LatencySummary(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    /// <summary>Summarises <paramref name="latencies"/>; percentiles as in <see cref="Percentile"/>.</summary>
    public static LatencySummary From(IReadOnlyCollection<double> latencies)
    {
        var sorted = Sorted(latencies, nameof(latencies));
        return new LatencySummary(sorted.Length, sorted.Average(), At(sorted, 50), At(sorted, 95), At(sorted, 99), sorted[^1]);
    }

    /// <summary>The q-th percentile (0 ≤ q ≤ 100) with numpy's default linear interpolation: position (n − 1)·q/100 in the sorted values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double q)
    {
        if (double.IsNaN(q) || q < 0 || q > 100) throw new ArgumentException($"q must be between 0 and 100; got {q}.", nameof(q));
        return At(Sorted(values, nameof(values)), q);
    }

    private static double[] Sorted(IReadOnlyCollection<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException("at least one value is needed.", name);
        var sorted = values.ToArray();
        if (sorted.Any(v => !double.IsFinite(v))) throw new ArgumentException($"{name} must hold finite numbers (no NaN or infinity).", name);
        Array.Sort(sorted);
        return sorted;
    }

    // numpy's linear percentile, shared with the EDA quantiles (MLPrimer.Exploration.Quantiles).
    private static double At(double[] sorted, double q) => Quantiles.Sorted(sorted, q / 100.0);

    /// <summary>One line: n, mean, p50, p95, p99 and max, two decimals.</summary>
    public override string ToString() => $"n={Count}, mean {Mean:F2}, p50 {P50:F2}, p95 {P95:F2}, p99 {P99:F2}, max {Max:F2}";
}
