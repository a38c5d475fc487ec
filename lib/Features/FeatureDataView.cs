using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLPrimer.Features;

/// <summary>Turns feature matrices into ML.NET data views with a "Label" column and a float vector "Features" column (sparse rows stay sparse).</summary>
/// <remarks>Every overload takes an optional list of row indices, so a matrix built once (e.g. hashed once) can be split into train and test
/// views without copying it first. Values are converted to float, ML.NET's feature type.</remarks>
public static class FeatureDataView
{
    /// <summary>Name of the label column.</summary>
    public const string LabelColumn = "Label";

    /// <summary>Name of the feature vector column.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>View of sparse features with boolean labels (binary classification); <paramref name="rows"/> selects rows (all when null).</summary>
    public static IDataView Create(MLContext ml, SparseMatrix features, IReadOnlyList<bool> labels, IReadOnlyList<int>? rows = null) =>
        FromSparse(ml, features, labels, rows);

    /// <summary>View of sparse features with integer class labels (map them to a key with MapValueToKey for multiclass trainers).</summary>
    public static IDataView Create(MLContext ml, SparseMatrix features, IReadOnlyList<int> labels, IReadOnlyList<int>? rows = null) =>
        FromSparse(ml, features, labels, rows);

    /// <summary>View of sparse features with float labels (regression).</summary>
    public static IDataView Create(MLContext ml, SparseMatrix features, IReadOnlyList<float> labels, IReadOnlyList<int>? rows = null) =>
        FromSparse(ml, features, labels, rows);

    /// <summary>View of dense features (one float[] per row, all the same length) with boolean labels.</summary>
    public static IDataView Create(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, IReadOnlyList<int>? rows = null) =>
        FromDense(ml, features, labels, rows);

    /// <summary>View of dense features with integer class labels.</summary>
    public static IDataView Create(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<int> labels, IReadOnlyList<int>? rows = null) =>
        FromDense(ml, features, labels, rows);

    /// <summary>View of dense features with float labels (regression).</summary>
    public static IDataView Create(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<float> labels, IReadOnlyList<int>? rows = null) =>
        FromDense(ml, features, labels, rows);

    private static IDataView FromSparse<TLabel>(MLContext ml, SparseMatrix x, IReadOnlyList<TLabel> labels, IReadOnlyList<int>? rows)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != x.Rows)
            throw new ArgumentException($"labels must have one label per row of features ({x.Rows}); got {labels.Count}.", nameof(labels));
        if (x.Columns < 1) throw new ArgumentException("features must have at least one column.", "features");
        var selected = Select(rows, x.Rows);
        var data = new Row<TLabel>[selected.Length];
        for (int i = 0; i < selected.Length; i++)
        {
            int r = selected[i], start = x.IndPtr[r], count = x.IndPtr[r + 1] - start;
            var values = new float[count];
            for (int k = 0; k < count; k++) values[k] = (float)x.Data[start + k];
            data[i] = new Row<TLabel> { Label = labels[r], Features = new VBuffer<float>(x.Columns, count, values, x.Indices.AsSpan(start, count).ToArray()) };
        }
        return Load(ml, data, x.Columns);
    }

    private static IDataView FromDense<TLabel>(MLContext ml, IReadOnlyList<float[]> x, IReadOnlyList<TLabel> labels, IReadOnlyList<int>? rows)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        if (x.Count == 0) throw new ArgumentException("features must have at least one row.", "features");
        if (labels.Count != x.Count)
            throw new ArgumentException($"labels must have one label per row of features ({x.Count}); got {labels.Count}.", nameof(labels));
        int width = x[0]?.Length ?? throw new ArgumentException("features must not contain null rows (row 0 is null).", "features");
        if (width < 1) throw new ArgumentException("features must have at least one column.", "features");
        var selected = Select(rows, x.Count);
        var data = new Row<TLabel>[selected.Length];
        for (int i = 0; i < selected.Length; i++)
        {
            int r = selected[i];
            var row = x[r] ?? throw new ArgumentException($"features must not contain null rows (row {r} is null).", "features");
            if (row.Length != width)
                throw new ArgumentException($"every row of features must have {width} values, like row 0 (row {r} has {row.Length}).", "features");
            data[i] = new Row<TLabel> { Label = labels[r], Features = new VBuffer<float>(width, (float[])row.Clone()) };
        }
        return Load(ml, data, width);
    }

    private static int[] Select(IReadOnlyList<int>? rows, int count)
    {
        if (rows is null) return Enumerable.Range(0, count).ToArray();
        var result = new int[rows.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if ((uint)rows[i] >= (uint)count)
                throw new ArgumentException($"rows must hold row indices in [0, {count}) (rows[{i}] = {rows[i]}).", nameof(rows));
            result[i] = rows[i];
        }
        return result;
    }

    private static IDataView Load<TLabel>(MLContext ml, Row<TLabel>[] data, int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row<TLabel>));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(data, schema);
    }

    /// <summary>One row as ML.NET reads it (public fields are what LoadFromEnumerable maps to columns).</summary>
    internal sealed class Row<TLabel>
    {
        public TLabel Label = default!;
        public VBuffer<float> Features;
    }
}
