using Microsoft.Data.Analysis;

namespace MLPrimer.Exploration;

/// <summary>Whole-table summaries of a DataFrame: a pandas-style describe() with shape statistics, and missing-value counts.</summary>
public static class Summary
{
    /// <summary>What argument errors of the statistics suggest for a NaN (<see cref="Values"/> skips missing values).</summary>
    internal const string MissingValuesAdvice = "Drop or impute missing values first (Summary.Values skips them).";

    /// <summary>Statistic columns of <see cref="Describe"/>, in order (after the "feature" column).</summary>
    public static IReadOnlyList<string> Statistics { get; } =
        ["count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max", "skewness", "kurtosis"];

    /// <summary>
    /// One row per numeric column of <paramref name="frame"/> (like pandas' <c>describe().T</c>) with count, missing (null or NaN),
    /// mean, std (n − 1), min, quartiles (numpy linear), max, and pandas' adjusted skewness and excess kurtosis; missing values
    /// are skipped. <paramref name="decimals"/> rounds the statistics for display.
    /// </summary>
    public static DataFrame Describe(DataFrame frame, int? decimals = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (decimals is < 0 or > 15) throw new ArgumentException($"decimals must be in 0..15, not {decimals}.", nameof(decimals));
        var numeric = frame.Columns.Where(IsNumeric).ToList();
        if (numeric.Count == 0) throw new ArgumentException("The frame has no numeric column to describe.", nameof(frame));
        var table = new double[Statistics.Count][];
        for (var s = 0; s < table.Length; s++) table[s] = new double[numeric.Count];
        for (var c = 0; c < numeric.Count; c++)
        {
            var values = Values(numeric[c]);
            var stats = new double[Statistics.Count];
            stats[0] = values.Length;
            stats[1] = numeric[c].Length - values.Length;
            if (values.Length == 0)
                for (var s = 2; s < stats.Length; s++) stats[s] = double.NaN;
            else
            {
                var q = Quantiles.Quantile(values, 0, 0.25, 0.5, 0.75, 1);
                stats[2] = Descriptive.Mean(values);
                stats[3] = values.Length > 1 ? Descriptive.StandardDeviation(values) : double.NaN;
                stats[4] = q[0]; stats[5] = q[1]; stats[6] = q[2]; stats[7] = q[3]; stats[8] = q[4];
                stats[9] = values.Length > 2 ? Descriptive.Skewness(values, bias: false) : double.NaN;
                stats[10] = values.Length > 3 ? Descriptive.Kurtosis(values, bias: false) : double.NaN;
            }
            for (var s = 0; s < stats.Length; s++)
                table[s][c] = decimals is int d ? Math.Round(stats[s], d) : stats[s];
        }
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("feature", numeric.Select(c => c.Name)) };
        for (var s = 0; s < Statistics.Count; s++) columns.Add(new DoubleDataFrameColumn(Statistics[s], table[s]));
        return new DataFrame(columns);
    }

    /// <summary>Number of missing entries (null, or NaN in a floating-point column) in each column, by column name.</summary>
    public static IReadOnlyDictionary<string, long> MissingCounts(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Columns.ToDictionary(c => c.Name, c => c.Length - (IsNumeric(c) ? Values(c).Length : c.Length - c.NullCount));
    }

    /// <summary>The present values of a numeric column as doubles, skipping nulls and NaN.</summary>
    public static double[] Values(DataFrameColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!IsNumeric(column))
            throw new ArgumentException($"Column '{column.Name}' holds {column.DataType.Name}, not numbers.", nameof(column));
        var values = new List<double>((int)column.Length);
        for (long i = 0; i < column.Length; i++)
        {
            var v = column[i];
            if (v is null) continue;
            var d = Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
            if (!double.IsNaN(d)) values.Add(d);
        }
        return values.ToArray();
    }

    private static bool IsNumeric(DataFrameColumn column) =>
        Type.GetTypeCode(column.DataType) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32
            or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;
}
