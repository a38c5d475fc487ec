using MathNet.Numerics.LinearAlgebra;

namespace MLPrimer.Monitoring;

/// <summary>Black-box shift estimation (Lipton, Wang and Smola 2018): under label shift, the target's distribution of a fixed classifier's predictions μ = C·w, where C[i,j] = P_source(ŷ = i, y = j) from held-out source data, so solving for w gives the label weights q(y)/p(y) without any target label.</summary>
public static class LabelShiftEstimator
{
    /// <summary>Estimates w and the target label proportions from held-out source labels and predictions and the target predictions (classes 0..classes−1); negative weights are clipped to zero and proportions renormalised.</summary>
    public static LabelShiftEstimate Estimate(ReadOnlySpan<int> sourceLabels, ReadOnlySpan<int> sourcePredictions, ReadOnlySpan<int> targetPredictions, int classes)
    {
        if (classes < 2) throw new ArgumentException($"classes must be at least 2, got {classes}.", nameof(classes));
        Guard.NotEmpty(sourceLabels.Length, nameof(sourceLabels));
        if (sourcePredictions.Length != sourceLabels.Length)
            throw new ArgumentException($"sourcePredictions has {sourcePredictions.Length} entries for {sourceLabels.Length} labels; lengths must match.", nameof(sourcePredictions));
        Guard.NotEmpty(targetPredictions.Length, nameof(targetPredictions));
        var joint = Matrix<double>.Build.Dense(classes, classes);
        var p = new double[classes];
        for (var i = 0; i < sourceLabels.Length; i++)
        {
            int y = Guard.Code(sourceLabels[i], classes, nameof(sourceLabels), "class"), yhat = Guard.Code(sourcePredictions[i], classes, nameof(sourcePredictions), "class");
            joint[yhat, y] += 1.0 / sourceLabels.Length;
            p[y] += 1.0 / sourceLabels.Length;
        }
        var mu = Vector<double>.Build.Dense(classes);
        foreach (var t in targetPredictions) mu[Guard.Code(t, classes, nameof(targetPredictions), "class")] += 1.0 / targetPredictions.Length;
        if (Math.Abs(joint.Determinant()) < 1e-12)
            throw new ArgumentException("The source confusion matrix is singular: the classifier must separate the classes better than chance for BBSE.", nameof(sourcePredictions));
        var w = joint.Solve(mu).Select(v => Math.Max(0, v)).ToArray();
        var q = w.Select((v, k) => v * p[k]).ToArray();
        var total = q.Sum();
        if (total > 0) q = q.Select(v => v / total).ToArray();
        return new LabelShiftEstimate(w, q, p);
    }

    /// <summary>Re-weights a classifier's source posteriors for the target: P_target(y|x) ∝ w_y·P_source(y|x).</summary>
    public static double[] AdjustPosterior(ReadOnlySpan<double> posterior, ReadOnlySpan<double> weights)
    {
        if (posterior.Length != weights.Length) throw new ArgumentException($"posterior has {posterior.Length} classes and weights {weights.Length}; they must match.", nameof(weights));
        for (var k = 0; k < posterior.Length; k++)
        {
            if (!(posterior[k] >= 0) || double.IsInfinity(posterior[k]))
                throw new ArgumentException($"posterior must hold finite probabilities ≥ 0 (class {k} has {posterior[k]}).", nameof(posterior));
            if (!(weights[k] >= 0) || double.IsInfinity(weights[k]))
                throw new ArgumentException($"weights must be finite and ≥ 0 (class {k} has {weights[k]}).", nameof(weights));
        }
        var adjusted = new double[posterior.Length];
        double total = 0;
        for (var k = 0; k < posterior.Length; k++) { adjusted[k] = posterior[k] * weights[k]; total += adjusted[k]; }
        if (!(total > 0)) throw new ArgumentException("every class has zero weight or zero posterior.", nameof(weights));
        for (var k = 0; k < adjusted.Length; k++) adjusted[k] /= total;
        return adjusted;
    }
}
