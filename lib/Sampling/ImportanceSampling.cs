namespace MLPrimer.Sampling;

/// <summary>Importance sampling: estimate an expectation under a target distribution p from draws of a proposal q, weighting each draw by p(x)/q(x).</summary>
public static class ImportanceSampling
{
    /// <summary>The importance weights w_i = p(x_i) / q(x_i), given the target and proposal densities at each draw.</summary>
    public static double[] Weights(IReadOnlyList<double> targetDensity, IReadOnlyList<double> proposalDensity)
    {
        ArgumentNullException.ThrowIfNull(targetDensity);
        ArgumentNullException.ThrowIfNull(proposalDensity);
        if (targetDensity.Count != proposalDensity.Count)
            throw new ArgumentException($"targetDensity has {targetDensity.Count} entries and proposalDensity {proposalDensity.Count}; they must match.", nameof(proposalDensity));
        if (targetDensity.Count == 0) throw new ArgumentException("There are no draws.", nameof(targetDensity));
        var w = new double[targetDensity.Count];
        for (var i = 0; i < w.Length; i++)
        {
            if (!(targetDensity[i] >= 0) || double.IsInfinity(targetDensity[i])) throw new ArgumentException($"Densities must be finite and ≥ 0 (entry {i} is {targetDensity[i]}).", nameof(targetDensity));
            if (!(proposalDensity[i] > 0))
                throw new ArgumentException($"The proposal density must be > 0 wherever it drew (entry {i} is {proposalDensity[i]}).", nameof(proposalDensity));
            w[i] = targetDensity[i] / proposalDensity[i];
        }
        return w;
    }

    /// <summary>The unbiased estimate (1/n) Σ w_i f(x_i); needs normalised densities.</summary>
    public static double Estimate(IReadOnlyList<double> values, IReadOnlyList<double> weights)
    {
        Check(values, weights);
        return values.Zip(weights, (f, w) => f * w).Sum() / values.Count;
    }

    /// <summary>The self-normalised estimate Σ w_i f(x_i) / Σ w_i; works with densities known only up to a constant (slightly biased, often lower variance).</summary>
    public static double SelfNormalizedEstimate(IReadOnlyList<double> values, IReadOnlyList<double> weights)
    {
        Check(values, weights);
        var total = weights.Sum();
        if (total <= 0) throw new ArgumentException("The weights sum to zero.", nameof(weights));
        return values.Zip(weights, (f, w) => f * w).Sum() / total;
    }

    /// <summary>Kish's effective sample size (Σw)² / Σw²: how many unweighted draws the weighted ones are worth.</summary>
    public static double EffectiveSampleSize(IReadOnlyList<double> weights)
    {
        var w = Guard.Weights(weights, nameof(weights));
        var sum = w.Sum();
        return sum * sum / w.Sum(x => x * x);
    }

    private static void Check(IReadOnlyList<double> values, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(values);
        Guard.Weights(weights, nameof(weights));
        for (var i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"values must be finite numbers (entry {i} is {values[i]}).", nameof(values));
        if (values.Count != weights.Count)
            throw new ArgumentException($"values has {values.Count} entries and weights {weights.Count}; they must match.", nameof(weights));
    }
}
