namespace MLPrimer.Production;

/// <summary>Arithmetic shared by the bandits.</summary>
internal static class BanditMath
{
    /// <summary>Index of the largest value; ties go to the lowest index.</summary>
    internal static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
