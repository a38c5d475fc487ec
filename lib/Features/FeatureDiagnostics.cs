namespace MLPrimer.Features;

/// <summary>Checks of whether a feature will generalise: how often it is present, and whether test values were seen in training.</summary>
public static class FeatureDiagnostics
{
    /// <summary>Fraction of rows where the text feature is present (not null and not empty).</summary>
    public static double Coverage(IReadOnlyList<string?> values)
    {
        Guard.NotEmpty(values, nameof(values));
        int present = 0;
        foreach (var v in values) if (!string.IsNullOrEmpty(v)) present++;
        return (double)present / values.Count;
    }

    /// <summary>Fraction of rows where the numeric feature is present (not NaN).</summary>
    public static double Coverage(IReadOnlyList<double> values)
    {
        Guard.NotEmpty(values, nameof(values));
        int present = 0;
        foreach (var v in values) if (!double.IsNaN(v)) present++;
        return (double)present / values.Count;
    }

    /// <summary>Fraction of rows (dict samples) that hold a non-null value for <paramref name="feature"/>.</summary>
    public static double Coverage<TValue>(IReadOnlyList<IReadOnlyDictionary<string, TValue>> rows, string feature)
    {
        Guard.NotEmpty(rows, nameof(rows));
        ArgumentNullException.ThrowIfNull(feature);
        int present = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"rows must not contain null samples (row {i} is null).", nameof(rows));
            if (row.TryGetValue(feature, out var v) && v is not null) present++;
        }
        return (double)present / rows.Count;
    }

    /// <summary>Coverage of every feature name that occurs in <paramref name="rows"/>, by name (ordinal order).</summary>
    public static SortedDictionary<string, double> CoverageByFeature<TValue>(IReadOnlyList<IReadOnlyDictionary<string, TValue>> rows)
    {
        Guard.NotEmpty(rows, nameof(rows));
        var counts = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"rows must not contain null samples (row {i} is null).", nameof(rows));
            foreach (var (name, value) in row)
                if (value is not null) counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        foreach (var name in counts.Keys.ToList()) counts[name] /= rows.Count;
        return counts;
    }

    /// <summary>Fraction of present test values also seen in train: over test rows, or over distinct test values when <paramref name="distinct"/> is true.</summary>
    public static double ValueOverlap(IReadOnlyList<string?> train, IReadOnlyList<string?> test, bool distinct = false)
    {
        Guard.NotEmpty(train, nameof(train));
        Guard.NotEmpty(test, nameof(test));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in train) if (!string.IsNullOrEmpty(v)) seen.Add(v);
        var considered = distinct ? test.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal) : test.Where(v => !string.IsNullOrEmpty(v));
        int total = 0, hit = 0;
        foreach (var v in considered)
        {
            total++;
            if (seen.Contains(v!)) hit++;
        }
        if (total == 0) throw new ArgumentException("test must hold at least one present (non-null, non-empty) value.", nameof(test));
        return (double)hit / total;
    }
}
