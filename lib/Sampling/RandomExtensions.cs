namespace MLPrimer.Sampling;

/// <summary>Draws from distributions other than the uniform one with a seeded <see cref="Random"/> (numpy's <c>rng.normal</c>).</summary>
public static class RandomExtensions
{
    /// <summary>
    /// A standard normal draw by the Box–Muller transform, sqrt(−2 ln(1 − u₁)) · cos(2π u₂), consuming two uniforms
    /// u₁ then u₂ (1 − u₁ lies in (0, 1], so the logarithm is finite).
    /// </summary>
    public static double NextGaussian(this Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }

    /// <summary>A normal draw with the given mean and standard deviation: <c>mean + std · NextGaussian()</c>.</summary>
    public static double NextGaussian(this Random rng, double mean, double std)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Guard.Finite(mean, nameof(mean));
        if (!double.IsFinite(std) || std < 0)
            throw new ArgumentException($"std must be a finite number ≥ 0 (got {std}); it is the standard deviation, not the variance.", nameof(std));
        return mean + std * rng.NextGaussian();
    }
}
