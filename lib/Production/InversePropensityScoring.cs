namespace MLPrimer.Production;

/// <summary>An off-policy estimate of a policy's mean reward: the value, its standard error, the number of logged rows and the effective sample size of the weights.</summary>
public sealed record OffPolicyEstimate(double Value, double StandardError, int Count, double EffectiveSampleSize)
{
    /// <summary>The normal-approximation interval Value ± z·StandardError (z = 1.96: 95%).</summary>
    public (double Lower, double Upper) ConfidenceInterval(double z = 1.96)
    {
        if (!(z >= 0) || double.IsInfinity(z)) throw new ArgumentException($"z must be a finite number ≥ 0 (got {z}).", nameof(z));
        return (Value - z * StandardError, Value + z * StandardError);
    }
}

/// <summary>
/// Inverse propensity scoring (Horvitz–Thompson): estimates the mean reward a <em>target</em> policy would earn from rows
/// logged under another policy, by weighting each logged reward with π(aᵢ|xᵢ)/pᵢ — the target policy's probability of the
/// logged action over the logging policy's (the logged propensity). Unbiased whenever pᵢ &gt; 0 wherever π puts mass.
/// </summary>
public static class InversePropensityScoring
{
    /// <summary>The IPS estimate (1/n)·Σ rᵢ·π(aᵢ|xᵢ)/pᵢ, with standard error sd(terms)/√n.</summary>
    public static OffPolicyEstimate Estimate(IReadOnlyList<double> rewards, IReadOnlyList<double> propensities, IReadOnlyList<double> targetProbabilities)
    {
        var n = Check(rewards, propensities, targetProbabilities);
        var terms = new double[n];
        for (var i = 0; i < n; i++) terms[i] = rewards[i] * targetProbabilities[i] / propensities[i];
        var mean = terms.Average();
        var variance = n > 1 ? terms.Sum(t => (t - mean) * (t - mean)) / (n - 1) : double.NaN;
        return new OffPolicyEstimate(mean, Math.Sqrt(variance / n), n, EffectiveSampleSize(propensities, targetProbabilities));
    }

    /// <summary>The self-normalised estimate Σ wᵢrᵢ / Σ wᵢ with wᵢ = π(aᵢ|xᵢ)/pᵢ (slightly biased, lower variance), standard error by the delta method √(Σ wᵢ²(rᵢ − V)²)/Σ wᵢ.</summary>
    public static OffPolicyEstimate SelfNormalized(IReadOnlyList<double> rewards, IReadOnlyList<double> propensities, IReadOnlyList<double> targetProbabilities)
    {
        var n = Check(rewards, propensities, targetProbabilities);
        double sumW = 0, sumWr = 0;
        for (var i = 0; i < n; i++)
        {
            var w = targetProbabilities[i] / propensities[i];
            sumW += w; sumWr += w * rewards[i];
        }
        if (sumW == 0) throw new ArgumentException("targetProbabilities are all zero: no logged row carries information about the target policy.", nameof(targetProbabilities));
        var value = sumWr / sumW;
        double spread = 0;
        for (var i = 0; i < n; i++)
        {
            var w = targetProbabilities[i] / propensities[i];
            spread += w * w * (rewards[i] - value) * (rewards[i] - value);
        }
        return new OffPolicyEstimate(value, Math.Sqrt(spread) / sumW, n, EffectiveSampleSize(propensities, targetProbabilities));
    }

    // Kish's effective sample size (Σw)²/Σw² of the importance weights.
    private static double EffectiveSampleSize(IReadOnlyList<double> propensities, IReadOnlyList<double> targetProbabilities)
    {
        double sum = 0, squares = 0;
        for (var i = 0; i < propensities.Count; i++)
        {
            var w = targetProbabilities[i] / propensities[i];
            sum += w; squares += w * w;
        }
        return squares == 0 ? 0 : sum * sum / squares;
    }

    private static int Check(IReadOnlyList<double> rewards, IReadOnlyList<double> propensities, IReadOnlyList<double> targetProbabilities)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(propensities);
        ArgumentNullException.ThrowIfNull(targetProbabilities);
        if (rewards.Count == 0) throw new ArgumentException("rewards must hold at least one logged row.", nameof(rewards));
        if (propensities.Count != rewards.Count)
            throw new ArgumentException($"propensities has {propensities.Count} values but rewards has {rewards.Count}: one per logged row.", nameof(propensities));
        if (targetProbabilities.Count != rewards.Count)
            throw new ArgumentException($"targetProbabilities has {targetProbabilities.Count} values but rewards has {rewards.Count}: one per logged row.", nameof(targetProbabilities));
        for (var i = 0; i < rewards.Count; i++)
        {
            if (!double.IsFinite(rewards[i])) throw Guard.NotFinite(nameof(rewards), rewards[i], i);
            if (!(propensities[i] > 0 && propensities[i] <= 1))
                throw new ArgumentException($"propensities[{i}] is {propensities[i]}; a logged action's propensity must lie in (0, 1] (log it when the action is chosen).", nameof(propensities));
            if (!(targetProbabilities[i] >= 0 && targetProbabilities[i] <= 1))
                throw new ArgumentException($"targetProbabilities[{i}] is {targetProbabilities[i]}; it must lie in [0, 1].", nameof(targetProbabilities));
        }
        return rewards.Count;
    }
}
