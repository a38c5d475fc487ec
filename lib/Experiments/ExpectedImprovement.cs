using MathNet.Numerics.Distributions;

namespace MLPrimer.Experiments;

/// <summary>Expected improvement, the acquisition function of Bayesian optimisation (for maximisation).</summary>
/// <remarks>With predictive mean μ and standard deviation σ at a point, the best value so far f* and a margin ξ ≥ 0:
/// EI = (μ − f* − ξ)·Φ(Z) + σ·φ(Z), Z = (μ − f* − ξ)/σ; where σ = 0 it is max(μ − f* − ξ, 0).
/// The first term rewards a high mean (exploitation), the second a large uncertainty (exploration).</remarks>
public static class ExpectedImprovement
{
    /// <summary>E[max(f(x) − best − xi, 0)] for f(x) ~ N(mean, std²).</summary>
    public static double Compute(double mean, double std, double best, double xi = 0.0)
    {
        if (!(std >= 0) || !double.IsFinite(std)) throw new ArgumentException($"std must be non-negative and finite (got {std}).", nameof(std));
        if (!(xi >= 0) || !double.IsFinite(xi)) throw new ArgumentException($"xi must be non-negative and finite (got {xi}).", nameof(xi));
        if (!double.IsFinite(mean) || !double.IsFinite(best)) throw new ArgumentException("mean and best must be finite.", nameof(mean));
        double gain = mean - best - xi;
        if (std == 0) return Math.Max(gain, 0);
        double z = gain / std;
        return gain * Normal.CDF(0, 1, z) + std * Normal.PDF(0, 1, z);
    }

    /// <summary>Expected improvement at every point of a GP prediction.</summary>
    public static double[] Compute(GaussianProcessPrediction prediction, double best, double xi = 0.0)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return prediction.Mean.Select((m, i) => Compute(m, prediction.Std[i], best, xi)).ToArray();
    }
}
