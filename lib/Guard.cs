using System.Numerics;

namespace MLPrimer;

/// <summary>
/// The library's argument checks, in one place. Every failure is an <see cref="ArgumentException"/> (or a subclass) whose
/// <see cref="ArgumentException.ParamName"/> is the caller's parameter and whose message names the parameter, the rule it
/// broke and the offending value, with its index where the argument is a sequence.
/// </summary>
internal static class Guard
{
    // ---- Sizes -------------------------------------------------------------------------------------------------

    /// <summary>Throws unless <paramref name="length"/> is positive: "<c>name</c> must not be empty".</summary>
    internal static void NotEmpty(int length, string name)
    {
        if (length == 0) throw new ArgumentException($"{name} must not be empty.", name);
    }

    /// <summary>Throws <see cref="ArgumentNullException"/> for null and <see cref="ArgumentException"/> for an empty collection.</summary>
    internal static void NotEmpty<T>(IReadOnlyCollection<T>? values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        NotEmpty(values.Count, name);
    }

    /// <summary>Throws unless two sequences that pair up element by element have the same length; blames the second.</summary>
    internal static void SameLength(int lengthA, string nameA, int lengthB, string nameB)
    {
        if (lengthA != lengthB)
            throw new ArgumentException(
                $"{nameA} and {nameB} must have the same length (got {lengthA} and {lengthB}).", nameB);
    }

    /// <summary>Both sequences non-empty and of equal length.</summary>
    internal static void Paired(int lengthA, string nameA, int lengthB, string nameB)
    {
        NotEmpty(lengthA, nameA);
        SameLength(lengthA, nameA, lengthB, nameB);
    }

    /// <summary>Throws unless a sequence holds at least <paramref name="minimum"/> values; <paramref name="purpose"/>
    /// (e.g. "to estimate a variance") says why.</summary>
    internal static void MinimumCount(int count, int minimum, string name, string? purpose = null)
    {
        if (count < minimum)
            throw new ArgumentException(
                $"{name} needs at least {minimum} value(s){(purpose is null ? "" : " " + purpose)}, got {count}.", name);
    }

    /// <summary>Throws unless no item of the list is null: "<c>name[i]</c> is null".</summary>
    internal static void NoNullItems<T>(IReadOnlyList<T> items, string name)
    {
        for (var i = 0; i < items.Count; i++)
            if (items[i] is null)
                throw new ArgumentException($"{name}[{i}] is null; every sample needs a value.", name);
    }

    /// <summary>Throws at the first item that appears a second time; <paramref name="kind"/> names what an item is ("a label").</summary>
    internal static void Distinct<T>(IEnumerable<T> items, string name, string kind = "an item")
    {
        var seen = new HashSet<T>();
        foreach (var item in items)
            if (!seen.Add(item)) throw new ArgumentException($"{name} must not repeat {kind}; {item} appears twice.", name);
    }

    // ---- Integer scalars ---------------------------------------------------------------------------------------

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="value"/> ≥ <paramref name="minimum"/>;
    /// <paramref name="reason"/> (e.g. "one fold leaves nothing to test on") says why the bound exists.</summary>
    internal static void AtLeast(int value, int minimum, string name, string? reason = null)
    {
        if (value < minimum)
            throw new ArgumentException(
                $"{name} must be at least {minimum} (got {value}){(reason is null ? "." : ": " + reason + ".")}", name);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (the metrics' convention for a cut-off such as k) unless
    /// <paramref name="value"/> ≥ 1.</summary>
    internal static void AtLeastOne(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
    }

    /// <summary>Throws unless 0 ≤ <paramref name="index"/> &lt; <paramref name="count"/>.</summary>
    internal static void Index(int index, int count, string name)
    {
        if ((uint)index >= (uint)count)
            throw new ArgumentException($"{name} must be between 0 and {count - 1} (got {index}).", name);
    }

    /// <summary>Returns <paramref name="code"/> when it lies in 0 .. <paramref name="count"/> − 1, else throws saying which
    /// <paramref name="kind"/> of code (class, category) the sequence <paramref name="name"/> holds.</summary>
    internal static int Code(int code, int count, string name, string kind)
    {
        if ((uint)code >= (uint)count)
            throw new ArgumentException($"{name} holds {kind} {code}; {kind} codes must be in 0..{count - 1}.", name);
        return code;
    }

    // ---- Real scalars ------------------------------------------------------------------------------------------

    /// <summary>Throws unless the value is neither NaN nor infinite.</summary>
    internal static void Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{name} must be a finite number (got {value}).", name);
    }

    /// <summary>Throws unless 0 &lt; value &lt; ∞.</summary>
    internal static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentException($"{name} must be positive and finite (got {value}).", name);
    }

    /// <summary>Throws unless 0 &lt; value &lt; 1 (a significance level, a power).</summary>
    internal static void OpenUnitInterval(double value, string name)
    {
        if (!(value > 0 && value < 1)) throw new ArgumentException($"{name} must lie strictly between 0 and 1 (got {value}).", name);
    }

    /// <summary>Throws unless 0 ≤ value ≤ 1; <paramref name="role"/> (e.g. "as a rate") says why.</summary>
    internal static void UnitInterval(double value, string name, string? role = null)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentException($"{name} must lie in [0, 1]{(role is null ? "" : " " + role)} (got {value}).", name);
    }

    // ---- Sequences of numbers ----------------------------------------------------------------------------------

    /// <summary>The exception for a NaN or infinity at <paramref name="index"/> of <paramref name="name"/>, for loops that check
    /// several rules at once.</summary>
    internal static ArgumentException NotFinite(string name, double value, int index, string? advice = null) =>
        new($"{name} must hold finite numbers (no NaN or infinity); found {value} at index {index}.{(advice is null ? "" : " " + advice)}", name);

    /// <summary>The exception for a label other than 0 or 1 at <paramref name="index"/> of <paramref name="name"/>.</summary>
    internal static ArgumentException NotBinary(string name, int value, int index) =>
        new($"{name} must hold only the labels 0 and 1 for a binary metric; found {value} at index {index}.", name);

    /// <summary>The exception for a value outside [0, 1] at <paramref name="index"/> of <paramref name="name"/>.</summary>
    internal static ArgumentException NotProbability(string name, double value, int index) =>
        new($"{name} must hold probabilities in [0, 1]; found {value} at index {index}.", name);

    /// <summary>Throws at the first NaN or infinity; <paramref name="advice"/>, when given, follows the message.</summary>
    internal static void Finite(ReadOnlySpan<double> values, string name, string? advice = null) => FiniteCore(values, name, advice);

    /// <summary>Throws at the first NaN or infinity; <paramref name="advice"/>, when given, follows the message.</summary>
    internal static void Finite(ReadOnlySpan<float> values, string name, string? advice = null) => FiniteCore(values, name, advice);

    /// <summary>A sample: at least <paramref name="minimum"/> values (<paramref name="purpose"/> says why), all finite
    /// (<paramref name="advice"/> says what to do about a NaN).</summary>
    internal static void Sample(ReadOnlySpan<double> values, string name, int minimum = 1, string? purpose = null, string? advice = null)
    {
        MinimumCount(values.Length, minimum, name, purpose);
        Finite(values, name, advice);
    }

    /// <summary>As <see cref="Sample(ReadOnlySpan{double}, string, int, string?, string?)"/>, and throws
    /// <see cref="ArgumentNullException"/> for null.</summary>
    internal static void Sample(IReadOnlyCollection<double>? values, string name, int minimum = 1, string? purpose = null)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        Sample(values.ToArray(), name, minimum, purpose);
    }

    /// <summary>Throws unless every label is 0 or 1.</summary>
    internal static void Binary(ReadOnlySpan<int> labels, string name)
    {
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] > 1u) throw NotBinary(name, labels[i], i);
    }

    /// <summary>Throws at the first value that is not finite or lies outside [0, 1].</summary>
    internal static void Probabilities(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double p = values[i];
            if (!double.IsFinite(p)) throw NotFinite(name, p, i);
            if (p < 0.0 || p > 1.0) throw NotProbability(name, p, i);
        }
    }

    /// <summary>Weights or counts: non-empty, every entry finite and ≥ 0, not all zero. Returns their sum.</summary>
    internal static double Weights(ReadOnlySpan<double> values, string name)
    {
        NotEmpty(values.Length, name);
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0) || double.IsInfinity(values[i]))
                throw new ArgumentException($"{name} must hold finite numbers ≥ 0; found {values[i]} at index {i}.", name);
            sum += values[i];
        }
        if (sum <= 0) throw new ArgumentException($"Every entry of {name} is zero; at least one must be positive.", name);
        return sum;
    }

    /// <summary>As <see cref="Weights(ReadOnlySpan{double}, string)"/> for a list (null throws <see cref="ArgumentNullException"/>);
    /// returns a checked copy.</summary>
    internal static double[] Weights(IReadOnlyList<double>? values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var copy = values.ToArray();
        Weights(copy, name);
        return copy;
    }

    // ---- Tables (rows of features) -----------------------------------------------------------------------------

    /// <summary>Which values a table check lets through.</summary>
    internal enum Cells
    {
        /// <summary>Finite numbers only.</summary>
        Finite,
        /// <summary>Anything but NaN (±∞ pass).</summary>
        NotNaN,
        /// <summary>Any value: only the table's shape is checked.</summary>
        Any,
    }

    /// <summary>A table: at least <paramref name="minimumRows"/> rows, none null, all of the same non-zero width, and every value
    /// allowed by <paramref name="cells"/> (finite by default). Returns the width.</summary>
    internal static int Rows<T>(IReadOnlyList<T[]>? rows, string name, int minimumRows = 1, Cells cells = Cells.Finite)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Count < minimumRows)
            throw new ArgumentException($"{name} needs at least {minimumRows} row(s), got {rows.Count}.", name);
        var width = rows[0]?.Length ?? throw new ArgumentException($"{name} row 0 is null.", name);
        if (width == 0) throw new ArgumentException($"{name} rows must have at least one column (row 0 is empty).", name);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null || row.Length != width)
                throw new ArgumentException(
                    $"{name} is ragged: row {i} has {row?.Length ?? 0} values, row 0 has {width}; all rows must have the same length.", name);
            if (cells == Cells.Any) continue;
            for (var j = 0; j < row.Length; j++)
                if (T.IsNaN(row[j]) || (cells == Cells.Finite && T.IsInfinity(row[j])))
                    throw new ArgumentException(
                        $"{name} row {i} holds {row[j]} at column {j}; every value must be a {(cells == Cells.Finite ? "finite number" : "number (not NaN)")}.", name);
        }
        return width;
    }

    /// <summary>A classifier's training or scoring set: <paramref name="features"/> a table as in <see cref="Rows{T}"/> whose values
    /// may be infinite but not NaN, one label per row, and when <paramref name="classIndices"/> every label ≥ 0. Returns the width.</summary>
    internal static int LabelledRows(float[][]? features, int[]? labels, bool classIndices = true)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var width = Rows(features, nameof(features), cells: Cells.NotNaN);
        SameLength(features.Length, nameof(features), labels.Length, nameof(labels));
        if (classIndices)
            for (var i = 0; i < labels.Length; i++)
                if (labels[i] < 0)
                    throw new ArgumentException($"labels[{i}] is {labels[i]}; labels must be class indices 0 .. k-1.", nameof(labels));
        return width;
    }

    // ---- Cross-validation --------------------------------------------------------------------------------------

    /// <summary>Throws unless a splitter is asked for at least 2 folds.</summary>
    internal static void FoldCount(int nSplits, string name = "nSplits") =>
        AtLeast(nSplits, 2, name, "one fold leaves nothing to test on");

    /// <summary>Throws unless there is at least one sample to split.</summary>
    internal static void SampleCount(int count, string name = "count") =>
        AtLeast(count, 1, name, "there is no data to split");

    /// <summary>Throws unless there are at least as many samples as folds.</summary>
    internal static void FoldsFit(int nSplits, int count, string name = "count")
    {
        if (nSplits > count)
            throw new ArgumentException($"Cannot make {nSplits} folds from {count} samples: nSplits must not exceed the number of samples.", name);
    }

    /// <summary>Throws when a seed is given without shuffling, where it would silently do nothing.</summary>
    internal static void SeedNeedsShuffle(bool shuffle, int? seed)
    {
        if (!shuffle && seed is not null)
            throw new ArgumentException("seed has no effect unless shuffle is true; leave it null or set shuffle.", nameof(seed));
    }

    /// <summary>Per-sample labels or groups: not null, at least one, none null (an empty list blames <c>name.Count</c>).</summary>
    internal static void SampleLabels<T>(IReadOnlyList<T>? labels, string name)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        SampleCount(labels.Count, name + ".Count");
        NoNullItems(labels, name);
    }

    // ---- Implementations ---------------------------------------------------------------------------------------

    private static void FiniteCore<T>(ReadOnlySpan<T> values, string name, string? advice) where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < values.Length; i++)
            if (!T.IsFinite(values[i])) throw NotFinite(name, double.CreateTruncating(values[i]), i, advice);
    }
}
