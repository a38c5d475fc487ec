using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace MLPrimer.Experiments;

/// <summary>Result of Welch's t-test: means, the difference treatment − control, t, Welch–Satterthwaite degrees of freedom, two-sided p and a confidence interval.</summary>
public sealed record WelchTTestResult(
    double ControlMean, double TreatmentMean, double Difference,
    double T, double DegreesOfFreedom, double PValue, double ConfidenceLow, double ConfidenceHigh);

/// <summary>Welch's unequal-variance t-test for a continuous metric (scipy's ttest_ind(treatment, control, equal_var=False)).</summary>
public static class WelchTTest
{
    /// <summary>Tests whether the treatment's mean differs from the control's without assuming equal variances.</summary>
    public static WelchTTestResult Test(IReadOnlyCollection<double> control, IReadOnlyCollection<double> treatment, double alpha = 0.05)
    {
        Guard.Sample(control, nameof(control), 2, "to estimate a variance");
        Guard.Sample(treatment, nameof(treatment), 2, "to estimate a variance");
        Guard.OpenUnitInterval(alpha, nameof(alpha));
        var (mc, vc) = control.MeanVariance();   // unbiased (n − 1) variance
        var (mt, vt) = treatment.MeanVariance();
        double qc = vc / control.Count, qt = vt / treatment.Count;
        double se = Math.Sqrt(qc + qt);
        if (se == 0) throw new ArgumentException("Both samples are constant; the t statistic is undefined.", nameof(treatment));
        double df = (qc + qt) * (qc + qt) / (qc * qc / (control.Count - 1) + qt * qt / (treatment.Count - 1));
        if (!double.IsFinite(se) || !double.IsFinite(df))
            throw new ArgumentException("The samples' variances overflow double precision (values near 1e154 or beyond); rescale the data first.",
                double.IsFinite(vc) ? nameof(treatment) : nameof(control));
        double diff = mt - mc, t = diff / se;
        double p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        double tCrit = StudentT.InvCDF(0, 1, df, 1 - alpha / 2);
        return new WelchTTestResult(mc, mt, diff, t, df, p, diff - tCrit * se, diff + tCrit * se);
    }
}
