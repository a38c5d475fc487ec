namespace MLPrimer.Validation;

/// <summary>Turns a continuous target into bin codes so that StratifiedKFold can stratify a regression problem.</summary>
public static class TargetBinning
{
    /// <summary>Equal-width bins over [min, max], right-closed like pandas' <c>pd.cut(values, bins)</c>: returns each value's bin, 0 .. bins-1.</summary>
    public static int[] Cut(IReadOnlyList<double> values, int bins)
    {
        var edges = Edges(values, bins);
        var codes = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            // Right-closed: bin b holds edges[b] < v <= edges[b + 1]; edges[0] sits just below the minimum.
            var b = 0;
            while (b < bins - 1 && values[i] > edges[b + 1]) b++;
            codes[i] = b;
        }
        return codes;
    }

    /// <summary>The <paramref name="bins"/> + 1 edges <see cref="Cut"/> uses: pandas' rule, the lowest edge moved down by 0.1% of the range.</summary>
    public static double[] Edges(IReadOnlyList<double> values, int bins)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            throw new ArgumentException("values must not be empty: there is nothing to bin.", nameof(values));
        if (bins < 1 || bins > 1_000_000)
            throw new ArgumentException($"bins must lie between 1 and 1,000,000 (got {bins}).", nameof(bins));
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i])) throw Guard.NotFinite(nameof(values), values[i], i);
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        if (min == max)
        {
            // All values equal: pandas widens the range by 0.1% on each side (by 0.001 around zero).
            var pad = min != 0 ? 0.001 * Math.Abs(min) : 0.001;
            return Linspace(min - pad, max + pad, bins);
        }
        var edges = Linspace(min, max, bins);
        edges[0] -= (max - min) * 0.001;
        return edges;
    }

    private static double[] Linspace(double start, double stop, int bins)
    {
        var step = (stop - start) / bins;
        var edges = new double[bins + 1];
        for (var i = 0; i < bins; i++) edges[i] = start + i * step;
        edges[bins] = stop;
        return edges;
    }
}
