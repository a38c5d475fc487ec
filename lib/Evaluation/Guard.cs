namespace MLPrimer.Evaluation;

/// <summary>Argument checks shared by the metrics; every failure names the parameter and the rule it broke.</summary>
internal static class Guard
{
    internal static void NotEmpty(int length, string name)
    {
        if (length == 0) throw new ArgumentException($"{name} must not be empty.", name);
    }

    internal static void SameLength(int lengthA, string nameA, int lengthB, string nameB)
    {
        if (lengthA != lengthB)
            throw new ArgumentException(
                $"{nameA} and {nameB} must have the same length (got {lengthA} and {lengthB}).", nameB);
    }

    /// <summary>Both spans non-empty and of equal length.</summary>
    internal static void Paired(int lengthA, string nameA, int lengthB, string nameB)
    {
        NotEmpty(lengthA, nameA);
        SameLength(lengthA, nameA, lengthB, nameB);
    }

    internal static void AtLeastOne(int k, string name)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(name, k, $"{name} must be at least 1.");
    }

    internal static ArgumentException NotBinary(string name, int value, int index) =>
        new($"{name} must hold only the labels 0 and 1 for a binary metric; found {value} at index {index}.", name);

    internal static ArgumentException NotFinite(string name, double value, int index) =>
        new($"{name} must hold finite numbers (no NaN or infinity); found {value} at index {index}.", name);

    /// <summary>Throws unless every label is 0 or 1.</summary>
    internal static void Binary(ReadOnlySpan<int> labels, string name)
    {
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] > 1u) throw NotBinary(name, labels[i], i);
    }

    /// <summary>Throws at the first NaN or infinity.</summary>
    internal static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) throw NotFinite(name, values[i], i);
    }

    /// <summary>Throws at the first value that is not finite or lies outside [0, 1].</summary>
    internal static void Probabilities(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double p = values[i];
            if (!double.IsFinite(p)) throw NotFinite(name, p, i);
            if (p < 0.0 || p > 1.0)
                throw new ArgumentException($"{name} must hold probabilities in [0, 1]; found {p} at index {i}.", name);
        }
    }
}
