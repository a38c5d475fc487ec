namespace MLPrimer.Experiments;

/// <summary>Corrections for testing several metrics at once (statsmodels' multipletests): adjusted p-values to compare with alpha.</summary>
public static class MultipleTesting
{
    /// <summary>Bonferroni: each p-value times the number of tests, capped at 1.</summary>
    public static double[] Bonferroni(IReadOnlyList<double> pValues)
    {
        Validate(pValues);
        return pValues.Select(p => Math.Min(1, p * pValues.Count)).ToArray();
    }

    /// <summary>Holm's step-down: the i-th smallest p-value times (m − i), made monotone and capped at 1; controls the family-wise error like Bonferroni but rejects at least as much.</summary>
    public static double[] Holm(IReadOnlyList<double> pValues)
    {
        Validate(pValues);
        int m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        double running = 0;
        for (var rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }

    private static void Validate(IReadOnlyList<double> pValues)
    {
        Guard.NotEmpty(pValues, nameof(pValues));
        Guard.Probabilities(pValues.ToArray(), nameof(pValues));
    }
}
