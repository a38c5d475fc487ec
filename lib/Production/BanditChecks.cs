namespace MLPrimer.Production;

/// <summary>Argument checks shared by the bandits; every failure names the parameter and the rule it broke.</summary>
internal static class BanditChecks
{
    internal static void Arms(int arms)
    {
        if (arms < 1) throw new ArgumentException($"arms must be at least 1 (got {arms}).", nameof(arms));
    }

    internal static void Arm(int arm, int arms)
    {
        if ((uint)arm >= (uint)arms)
            throw new ArgumentException($"arm must be between 0 and {arms - 1} (got {arm}).", nameof(arm));
    }

    internal static void Finite(double reward)
    {
        if (!double.IsFinite(reward)) throw new ArgumentException($"reward must be a finite number (got {reward}).", nameof(reward));
    }

    internal static void UnitInterval(double reward)
    {
        if (!(reward >= 0 && reward <= 1))
            throw new ArgumentException($"reward must lie in [0, 1] for a Beta–Bernoulli model (got {reward}).", nameof(reward));
    }

    /// <summary>Index of the largest value; ties go to the lowest index.</summary>
    internal static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
