namespace MLPrimer.Monitoring;

/// <summary>A two-sample test's statistic and p-value (scipy's result objects carry the same two fields).</summary>
public sealed record TwoSampleTestResult(double Statistic, double PValue);

/// <summary>Pearson's chi-squared test of a contingency table (scipy.stats.chi2_contingency's result).</summary>
public sealed record ChiSquaredTestResult(double Statistic, double PValue, int DegreesOfFreedom, double[,] ExpectedFrequencies);

/// <summary>A domain classifier's verdict: out-of-fold ROC AUC of telling the target rows from the reference rows, and each row's out-of-fold probability of being a target row.</summary>
public sealed record ClassifierDriftResult(double Auc, double[] TargetProbabilities, int ReferenceCount, int TargetCount)
{
    /// <summary>Density-ratio weights p_target(x)/p_reference(x) for the reference rows, estimated as (p/(1-p))·(n_ref/n_target) from the out-of-fold probabilities and clipped to [1/maxWeight, maxWeight].</summary>
    public double[] ImportanceWeights(double maxWeight = 20)
    {
        if (!(maxWeight >= 1)) throw new ArgumentException($"maxWeight must be at least 1, got {maxWeight}.", nameof(maxWeight));
        var ratio = (double)ReferenceCount / TargetCount;
        var w = new double[ReferenceCount];
        for (var i = 0; i < ReferenceCount; i++)
        {
            var p = Math.Clamp(TargetProbabilities[i], 1e-12, 1 - 1e-12);
            w[i] = Math.Clamp(p / (1 - p) * ratio, 1 / maxWeight, maxWeight);
        }
        return w;
    }
}

/// <summary>Black-box shift estimation result: weights w_y = q(y)/p(y) and the estimated target label proportions q(y).</summary>
public sealed record LabelShiftEstimate(double[] Weights, double[] TargetProportions, double[] SourceProportions);
