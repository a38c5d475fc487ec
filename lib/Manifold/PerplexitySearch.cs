namespace MLPrimer.Manifold;

/// <summary>Perplexity calibration (van der Maaten and Hinton 2008, section 2): each point's Gaussian precision is found by a safeguarded binary search.</summary>
public static class PerplexitySearch
{
    /// <summary>Entropy tolerance, in nats, at which the search stops (scikit-learn's value).</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Most search steps per point (scikit-learn's value).</summary>
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

        // Entropy in nats, so the target is ln(perplexity): 2^H_bits = e^H_nats. H falls as beta grows, so the root is
        // bracketed; Newton steps (dH/dβ = −β·Var(d)) converge in a handful of steps, and a step that leaves the bracket
        // falls back to doubling/halving or bisection, as in scikit-learn's pure binary search.
        var target = Math.Log(perplexity);
        double beta = 1, betaMin = double.NegativeInfinity, betaMax = double.PositiveInfinity;
        for (var step = 0; step < MaxSteps; step++)
        {
            var (entropy, variance) = Distribution(squaredDistances, min, beta, probabilities);
            var diff = entropy - target;
            if (Math.Abs(diff) <= Tolerance) return beta;
            if (diff > 0) betaMin = beta;    // too flat: sharpen the Gaussian
            else betaMax = beta;
            var newton = variance > 0 ? beta + diff / (beta * variance) : double.NaN;
            if (newton > betaMin && newton < betaMax && newton > 0) beta = newton;
            else if (double.IsPositiveInfinity(betaMax)) beta *= 2;
            else if (double.IsNegativeInfinity(betaMin)) beta /= 2;
            else beta = (betaMin + betaMax) / 2;
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

    // Writes the normalised distribution for beta; returns its entropy in nats, H = ln Σ e^{-β s_j} + β Σ s_j p_j
    // (s = shifted distances), and the variance of s under it.
    private static (double Entropy, double Variance) Distribution(ReadOnlySpan<double> squaredDistances, double min, double beta, Span<double> p)
    {
        double sum = 0;
        for (var j = 0; j < p.Length; j++)
        {
            p[j] = Math.Exp(-(squaredDistances[j] - min) * beta);
            sum += p[j];
        }
        double mean = 0, square = 0;
        for (var j = 0; j < p.Length; j++)
        {
            p[j] /= sum;
            var s = squaredDistances[j] - min;
            mean += s * p[j];
            square += s * s * p[j];
        }
        return (Math.Log(sum) + beta * mean, Math.Max(0, square - mean * mean));
    }
}
