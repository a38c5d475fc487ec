namespace MLPrimer.Experiments;

/// <summary>Argument checks shared by the experiment statistics.</summary>
internal static class Checks
{
    internal static void Alpha(double alpha, string name = "alpha")
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException($"{name} must lie strictly between 0 and 1 (got {alpha}).", name);
    }

    internal static void Rate(double rate, string name)
    {
        if (!(rate >= 0 && rate <= 1)) throw new ArgumentException($"{name} is a rate and must lie in [0, 1] (got {rate}).", name);
    }

    internal static void Counts(long successes, long trials, string successesName, string trialsName)
    {
        if (trials <= 0) throw new ArgumentException($"{trialsName} must be positive (got {trials}).", trialsName);
        if (successes < 0 || successes > trials)
            throw new ArgumentException($"{successesName} must lie in [0, {trialsName}] (got {successes} of {trials}).", successesName);
    }

    internal static void Sample(IReadOnlyCollection<double> sample, string name)
    {
        ArgumentNullException.ThrowIfNull(sample, name);
        if (sample.Count < 2) throw new ArgumentException($"{name} needs at least 2 values to estimate a variance (got {sample.Count}).", name);
        if (sample.Any(v => !double.IsFinite(v))) throw new ArgumentException($"{name} must contain only finite values.", name);
    }

    internal static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentException($"{name} must be positive and finite (got {value}).", name);
    }
}
