namespace MLPrimer.Features;

/// <summary>A compressed-sparse-row (CSR) matrix of doubles, laid out like <c>scipy.sparse.csr_matrix</c> (indptr, indices, data).</summary>
/// <remarks>Row <c>r</c> holds the entries <c>Indices[IndPtr[r]..IndPtr[r+1]]</c> with values <c>Data[IndPtr[r]..IndPtr[r+1]]</c>.
/// The arrays are exposed as-is (as scipy exposes its arrays); treat them as read-only.</remarks>
public sealed class SparseMatrix
{
    /// <summary>Builds a CSR matrix from its three arrays, checking that they describe a valid <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    public SparseMatrix(int rows, int columns, int[] indPtr, int[] indices, double[] data)
    {
        ArgumentNullException.ThrowIfNull(indPtr);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(data);
        if (rows < 0) throw new ArgumentException($"rows must be >= 0 (got {rows}).", nameof(rows));
        if (columns < 0) throw new ArgumentException($"columns must be >= 0 (got {columns}).", nameof(columns));
        if (indPtr.Length != rows + 1)
            throw new ArgumentException($"indPtr must have rows + 1 = {rows + 1} entries (got {indPtr.Length}).", nameof(indPtr));
        if (indices.Length != data.Length)
            throw new ArgumentException($"indices and data must have the same length (got {indices.Length} and {data.Length}).", nameof(data));
        if (indPtr[0] != 0) throw new ArgumentException("indPtr[0] must be 0.", nameof(indPtr));
        for (int r = 0; r < rows; r++)
            if (indPtr[r + 1] < indPtr[r])
                throw new ArgumentException($"indPtr must be non-decreasing (indPtr[{r + 1}] < indPtr[{r}]).", nameof(indPtr));
        if (indPtr[rows] != indices.Length)
            throw new ArgumentException($"indPtr[rows] must equal the number of stored entries ({indices.Length}); got {indPtr[rows]}.", nameof(indPtr));
        foreach (int c in indices)
            if ((uint)c >= (uint)columns)
                throw new ArgumentException($"every column index must be in [0, {columns}) (found {c}).", nameof(indices));
        Rows = rows;
        Columns = columns;
        IndPtr = indPtr;
        Indices = indices;
        Data = data;
    }

    /// <summary>Trusted constructor for arrays produced by this library (already valid).</summary>
    internal SparseMatrix(int rows, int columns, int[] indPtr, int[] indices, double[] data, bool trusted)
    {
        _ = trusted;
        Rows = rows;
        Columns = columns;
        IndPtr = indPtr;
        Indices = indices;
        Data = data;
    }

    /// <summary>Number of rows (samples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>Row pointer: entries of row r live at positions IndPtr[r] up to (not including) IndPtr[r+1]; length Rows + 1.</summary>
    public int[] IndPtr { get; }

    /// <summary>Column index of every stored entry, sorted within each row.</summary>
    public int[] Indices { get; }

    /// <summary>Value of every stored entry (explicit zeros can occur, as in scipy, when duplicates cancel).</summary>
    public double[] Data { get; }

    /// <summary>Number of stored entries, explicit zeros included (scipy's <c>nnz</c>).</summary>
    public int StoredCount => Indices.Length;

    /// <summary>(rows, columns), like scipy's <c>shape</c>.</summary>
    public (int Rows, int Columns) Shape => (Rows, Columns);

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>), zero when nothing is stored there.</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows}).");
            if ((uint)column >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(column), column, $"column must be in [0, {Columns}).");
            int lo = IndPtr[row], hi = IndPtr[row + 1];
            double sum = 0;
            for (int p = lo; p < hi; p++)
                if (Indices[p] == column) sum += Data[p];
            return sum;
        }
    }

    /// <summary>Column indices stored in <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> RowIndices(int row)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows}).");
        return Indices.AsSpan(IndPtr[row], IndPtr[row + 1] - IndPtr[row]);
    }

    /// <summary>Values stored in <paramref name="row"/>, aligned with <see cref="RowIndices"/>.</summary>
    public ReadOnlySpan<double> RowValues(int row)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows}).");
        return Data.AsSpan(IndPtr[row], IndPtr[row + 1] - IndPtr[row]);
    }

    /// <summary>The matrix as a dense Rows × Columns array (scipy's <c>toarray()</c>); mind the memory for wide matrices.</summary>
    public double[,] ToDense()
    {
        long cells = (long)Rows * Columns;
        if (cells > Array.MaxLength)
            throw new InvalidOperationException($"A dense {Rows} x {Columns} array has {cells} cells, more than an array can hold.");
        var dense = new double[Rows, Columns];
        for (int r = 0; r < Rows; r++)
            for (int p = IndPtr[r]; p < IndPtr[r + 1]; p++)
                dense[r, Indices[p]] += Data[p];
        return dense;
    }

    /// <summary>A short description: shape and stored-entry count.</summary>
    public override string ToString() => $"SparseMatrix {Rows} x {Columns}, {StoredCount} stored entries";
}
