namespace MLPrimer.Exploration;

/// <summary>Argument checks shared by the statistics: non-empty, no NaN or infinity.</summary>
internal static class Checks
{
    public static void Values(ReadOnlySpan<double> values, string name, int minimum = 1)
    {
        if (values.Length < minimum)
            throw new ArgumentException($"{name} needs at least {minimum} value(s), got {values.Length}.", name);
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is {values[i]}: drop or impute missing values first (Summary.Values skips them).", name);
    }

    public static void Pair(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Values(x, "x", 2);
        Values(y, "y", 2);
        if (x.Length != y.Length)
            throw new ArgumentException($"x has {x.Length} values and y has {y.Length}; they must be paired.", "y");
    }
}
