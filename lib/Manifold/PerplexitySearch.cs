namespace MLPrimer.Manifold;

/// <summary>Perplexity calibration (van der Maaten and Hinton 2008, section 2): each point's Gaussian precision is found by binary search.</summary>
public static class PerplexitySearch
{
    /// <summary>Entropy tolerance, in nats, at which the search stops (scikit-learn's value).</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Most bisection steps per point (scikit-learn's value).</summary>
    public const int MaxSteps = 100;

    /// <summary>Fills <paramref name="probabilities"/> with p(j|i) ∝ exp(-beta·d²_ij) whose perplexity 2^H (H in bits) equals <paramref name="perplexity"/>; returns beta = 1/(2σ²).</summary>
    public static double Calibrate(ReadOnlySpan<double> squaredDistances, double perplexity, Span<double> probabilities)
    {
        if (squaredDistances.Length == 0)
            throw new ArgumentException("At least one neighbour distance is required.", nameof(squaredDistances));
        if (probabilities.Length != squaredDistances.Length)
            throw new ArgumentException($"probabilities has {probabilities.Length} slots for {squaredDistances.Length} distances.", nameof(probabilities));
        if (!(perplexity > 0) || double.IsInfinity(perplexity))
            throw new ArgumentException($"perplexity must be a positive finite number, not {perplexity}.", nameof(perplexity));

        // Shifting every distance by the smallest one leaves the normalised distribution unchanged and keeps exp() from underflowing.
        var min = double.PositiveInfinity;
        foreach (var d in squaredDistances)
        {
            if (!(d >= 0) || double.IsInfinity(d))
                throw new ArgumentException($"squared distances must be finite and non-negative, got {d}.", nameof(squaredDistances));
            min = Math.Min(min, d);
        }

        // Entropy in nats, so the target is ln(perplexity): 2^H_bits = e^H_nats.
        var target = Math.Log(perplexity);
        double beta = 1, betaMin = double.NegativeInfinity, betaMax = double.PositiveInfinity;
        for (var step = 0; step < MaxSteps; step++)
        {
            var entropy = Distribution(squaredDistances, min, beta, probabilities);
            var diff = entropy - target;
            if (Math.Abs(diff) <= Tolerance) break;
            if (diff > 0)
            {
                // Too flat: sharpen the Gaussian.
                betaMin = beta;
                beta = double.IsPositiveInfinity(betaMax) ? beta * 2 : (beta + betaMax) / 2;
            }
            else
            {
                betaMax = beta;
                beta = double.IsNegativeInfinity(betaMin) ? beta / 2 : (beta + betaMin) / 2;
            }
        }
        Distribution(squaredDistances, min, beta, probabilities);
        return beta;
    }

    /// <summary>Perplexity 2^H of a discrete distribution, with H = -Σ p·log2(p) in bits.</summary>
    public static double Perplexity(ReadOnlySpan<double> probabilities)
    {
        var bits = 0.0;
        foreach (var p in probabilities)
            if (p > 0) bits -= p * Math.Log2(p);
        return Math.Pow(2, bits);
    }

    // Writes the normalised distribution for beta and returns its entropy in nats: H = ln Σ e^{-β s_j} + β Σ s_j p_j (s = shifted distances).
    private static double Distribution(ReadOnlySpan<double> squaredDistances, double min, double beta, Span<double> p)
    {
        double sum = 0;
        for (var j = 0; j < p.Length; j++)
        {
            p[j] = Math.Exp(-(squaredDistances[j] - min) * beta);
            sum += p[j];
        }
        double weighted = 0;
        for (var j = 0; j < p.Length; j++)
        {
            p[j] /= sum;
            weighted += (squaredDistances[j] - min) * p[j];
        }
        return Math.Log(sum) + beta * weighted;
    }
}
