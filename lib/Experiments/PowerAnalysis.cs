using MathNet.Numerics.Distributions;

namespace MLPrimer.Experiments;

/// <summary>Sample size and power of a two-sided, two-arm test with equal arms (the normal-approximation formulas).</summary>
/// <remarks>For rates p1 (baseline) and p2 = p1 + δ:
/// n = (z_{1−α/2}·sqrt(2·p̄(1 − p̄)) + z_{power}·sqrt(p1(1 − p1) + p2(1 − p2)))² / δ² per arm, p̄ = (p1 + p2)/2.
/// For means with standard deviation σ: n = 2σ²(z_{1−α/2} + z_{power})² / δ².</remarks>
public static class PowerAnalysis
{
    /// <summary>Users per arm needed to detect an absolute lift <paramref name="minimumDetectableEffect"/> over <paramref name="baselineRate"/>.</summary>
    public static int SampleSizePerArm(double baselineRate, double minimumDetectableEffect, double alpha = 0.05, double power = 0.8)
    {
        var (p1, p2) = Rates(baselineRate, minimumDetectableEffect);
        Guard.OpenUnitInterval(alpha, nameof(alpha));
        Guard.OpenUnitInterval(power, nameof(power));
        double zA = Normal.InvCDF(0, 1, 1 - alpha / 2), zB = Normal.InvCDF(0, 1, power), pBar = (p1 + p2) / 2;
        double root = zA * Math.Sqrt(2 * pBar * (1 - pBar)) + zB * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (int)Math.Ceiling(root * root / (minimumDetectableEffect * minimumDetectableEffect));
    }

    /// <summary>Power of the two-proportion test with <paramref name="samplesPerArm"/> users per arm (the inverse of <see cref="SampleSizePerArm"/>).</summary>
    public static double Power(double baselineRate, double minimumDetectableEffect, int samplesPerArm, double alpha = 0.05)
    {
        var (p1, p2) = Rates(baselineRate, minimumDetectableEffect);
        Guard.OpenUnitInterval(alpha, nameof(alpha));
        if (samplesPerArm <= 0) throw new ArgumentException($"samplesPerArm must be positive (got {samplesPerArm}).", nameof(samplesPerArm));
        double zA = Normal.InvCDF(0, 1, 1 - alpha / 2), pBar = (p1 + p2) / 2;
        double numerator = Math.Abs(minimumDetectableEffect) * Math.Sqrt(samplesPerArm) - zA * Math.Sqrt(2 * pBar * (1 - pBar));
        return Normal.CDF(0, 1, numerator / Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2)));
    }

    /// <summary>Samples per arm needed to detect a difference <paramref name="minimumDetectableEffect"/> in means of a metric with standard deviation <paramref name="standardDeviation"/>.</summary>
    public static int SampleSizePerArmForMeans(double standardDeviation, double minimumDetectableEffect, double alpha = 0.05, double power = 0.8)
    {
        Guard.Positive(standardDeviation, nameof(standardDeviation));
        if (minimumDetectableEffect == 0 || !double.IsFinite(minimumDetectableEffect))
            throw new ArgumentException("minimumDetectableEffect must be finite and non-zero.", nameof(minimumDetectableEffect));
        Guard.OpenUnitInterval(alpha, nameof(alpha));
        Guard.OpenUnitInterval(power, nameof(power));
        double z = Normal.InvCDF(0, 1, 1 - alpha / 2) + Normal.InvCDF(0, 1, power);
        return (int)Math.Ceiling(2 * standardDeviation * standardDeviation * z * z / (minimumDetectableEffect * minimumDetectableEffect));
    }

    private static (double, double) Rates(double baselineRate, double minimumDetectableEffect)
    {
        Guard.UnitInterval(baselineRate, nameof(baselineRate), "as a rate");
        if (minimumDetectableEffect == 0 || !double.IsFinite(minimumDetectableEffect))
            throw new ArgumentException("minimumDetectableEffect must be finite and non-zero.", nameof(minimumDetectableEffect));
        var target = baselineRate + minimumDetectableEffect;
        if (!(target > 0 && target < 1) || !(baselineRate > 0 && baselineRate < 1))
            throw new ArgumentException($"baselineRate and baselineRate + minimumDetectableEffect must lie strictly inside (0, 1) (got {baselineRate} and {target}).", nameof(minimumDetectableEffect));
        return (baselineRate, target);
    }
}
