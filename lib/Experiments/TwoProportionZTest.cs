using MathNet.Numerics.Distributions;

namespace MLPrimer.Experiments;

/// <summary>Result of a two-proportion z-test: rates, the difference treatment − control, z, two-sided p and a confidence interval; RelativeLift is Difference / ControlRate (NaN when the control rate is 0).</summary>
public sealed record TwoProportionResult(
    double ControlRate, double TreatmentRate, double Difference, double RelativeLift,
    double Z, double PValue, double ConfidenceLow, double ConfidenceHigh)
{
    /// <summary>True when the two-sided p-value is below the test's alpha.</summary>
    public bool Significant { get; init; }
}

/// <summary>Two-proportion z-test for conversion rates (statsmodels' proportions_ztest with a pooled standard error).</summary>
/// <remarks>z = (p_t − p_c) / sqrt(p̂(1 − p̂)(1/n_c + 1/n_t)) with the pooled rate p̂; the (1 − alpha) interval for the
/// difference uses the unpooled (Wald) standard error sqrt(p_c(1 − p_c)/n_c + p_t(1 − p_t)/n_t).</remarks>
public static class TwoProportionZTest
{
    /// <summary>Tests whether the treatment's conversion rate differs from the control's.</summary>
    public static TwoProportionResult Test(long controlSuccesses, long controlTrials, long treatmentSuccesses, long treatmentTrials, double alpha = 0.05)
    {
        Counts(controlSuccesses, controlTrials, nameof(controlSuccesses), nameof(controlTrials));
        Counts(treatmentSuccesses, treatmentTrials, nameof(treatmentSuccesses), nameof(treatmentTrials));
        Guard.OpenUnitInterval(alpha, nameof(alpha));
        double pc = (double)controlSuccesses / controlTrials, pt = (double)treatmentSuccesses / treatmentTrials;
        double pooled = (double)(controlSuccesses + treatmentSuccesses) / (controlTrials + treatmentTrials);
        double sePooled = Math.Sqrt(pooled * (1 - pooled) * (1.0 / controlTrials + 1.0 / treatmentTrials));
        double diff = pt - pc;
        double z = sePooled > 0 ? diff / sePooled : 0;
        double p = sePooled > 0 ? 2 * Normal.CDF(0, 1, -Math.Abs(z)) : 1;
        double seWald = Math.Sqrt(pc * (1 - pc) / controlTrials + pt * (1 - pt) / treatmentTrials);
        double zCrit = Normal.InvCDF(0, 1, 1 - alpha / 2);
        return new TwoProportionResult(pc, pt, diff, pc > 0 ? diff / pc : double.NaN, z, p, diff - zCrit * seWald, diff + zCrit * seWald)
        { Significant = p < alpha };
    }

    private static void Counts(long successes, long trials, string successesName, string trialsName)
    {
        if (trials <= 0) throw new ArgumentException($"{trialsName} must be positive (got {trials}).", trialsName);
        if (successes < 0 || successes > trials)
            throw new ArgumentException($"{successesName} must lie in [0, {trialsName}] (got {successes} of {trials}).", successesName);
    }
}
