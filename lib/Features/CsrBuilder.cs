using System.Buffers;
using System.Runtime.CompilerServices;

namespace MLPrimer.Features;

/// <summary>Builds a CSR <see cref="SparseMatrix"/> row by row from (column, value) entries that arrive in any order and may repeat a column.</summary>
/// <remarks>
/// What it computes: a row's value in column c is the sum of the entries appended to that row with column c, added in
/// arrival order, and each row stores its columns in increasing order. How: entries go to the end of flat arrays; at
/// <see cref="EndRow"/> the row's entries are sorted by column with a stable sort (entries of one column stay in arrival
/// order) and neighbours with the same column are added up. A cancellation leaves an explicit zero, as scipy's
/// <c>sum_duplicates</c> does.
/// </remarks>
internal sealed class CsrBuilder
{
    /// <summary>Rows longer than this (the tokens of a whole document) are sorted in O(L log L) instead of by insertion.</summary>
    private const int InsertionSortLimit = 64;

    private readonly int _columns;
    private readonly int _expectedRows; // the final row count when the caller knows it, else -1
    private int[] _indices = new int[256];
    private double[] _data = new double[256];
    private int[] _indPtr;
    private int _count;    // entries stored, the open row's included
    private int _rowStart; // where the open row's entries begin

    /// <summary>Starts an empty matrix of <paramref name="columns"/> columns; <paramref name="expectedRows"/> (or -1) sizes the buffers.</summary>
    public CsrBuilder(int columns, int expectedRows)
    {
        _columns = columns;
        _expectedRows = expectedRows;
        _indPtr = GC.AllocateUninitializedArray<int>(Math.Max(expectedRows, 256) + 1);
        _indPtr[0] = 0;
    }

    /// <summary>Rows closed so far.</summary>
    public int RowCount { get; private set; }

    /// <summary>Appends an entry to the open row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int column, double value)
    {
        if (_count == _indices.Length) GrowEntries();
        _indices[_count] = column;
        _data[_count] = value;
        _count++;
    }

    /// <summary>Closes the open row: sorts its entries by column and sums the entries of each column.</summary>
    public void EndRow()
    {
        if (_count - _rowStart > InsertionSortLimit) SortLongRow(_rowStart, _count);
        else InsertionSortRow(_rowStart, _count);
        _count = SumDuplicateColumns(_rowStart, _count);
        _rowStart = _count;
        RowCount++;
        if (RowCount + 1 > _indPtr.Length) Array.Resize(ref _indPtr, (int)Math.Min((long)_indPtr.Length * 2, Array.MaxLength));
        _indPtr[RowCount] = _count;
    }

    /// <summary>The matrix of the closed rows; the builder must not be used afterwards, since the matrix may share its arrays.</summary>
    public SparseMatrix Build()
    {
        // Hand the buffers over as they are when they are exactly full; otherwise copy the used part.
        var indPtr = _indPtr.Length == RowCount + 1 ? _indPtr : _indPtr[..(RowCount + 1)];
        var indices = _indices.Length == _count ? _indices : _indices[.._count];
        var data = _data.Length == _count ? _data : _data[.._count];
        return new SparseMatrix(RowCount, _columns, indPtr, indices, data, trusted: true);
    }

    /// <summary>Stable insertion sort of entries [start, end) by column: short rows are the usual case, and it keeps equal columns in arrival order.</summary>
    private void InsertionSortRow(int start, int end)
    {
        for (int i = start + 1; i < end; i++)
        {
            int column = _indices[i];
            double value = _data[i];
            int j = i - 1;
            while (j >= start && _indices[j] > column)
            {
                _indices[j + 1] = _indices[j];
                _data[j + 1] = _data[j];
                j--;
            }
            _indices[j + 1] = column;
            _data[j + 1] = value;
        }
    }

    /// <summary>Stable sort of entries [start, end) by column: sorts keys column·2^32 + arrival position, so equal columns keep arrival order.</summary>
    private void SortLongRow(int start, int end)
    {
        int length = end - start;
        var keys = ArrayPool<long>.Shared.Rent(length);
        var values = ArrayPool<double>.Shared.Rent(length);
        try
        {
            for (int i = 0; i < length; i++) keys[i] = ((long)_indices[start + i] << 32) | (uint)i;
            _data.AsSpan(start, length).CopyTo(values);
            var sorted = keys.AsSpan(0, length);
            sorted.Sort();
            for (int i = 0; i < length; i++)
            {
                long key = sorted[i];
                _indices[start + i] = (int)(key >> 32);
                _data[start + i] = values[(int)(uint)key];
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<double>.Shared.Return(values);
        }
    }

    /// <summary>In entries [start, end), already sorted by column, adds each run of one column into its first entry; returns the new end.</summary>
    private int SumDuplicateColumns(int start, int end)
    {
        int write = start;
        for (int read = start; read < end; read++)
        {
            if (write > start && _indices[write - 1] == _indices[read])
            {
                _data[write - 1] += _data[read];
            }
            else
            {
                _indices[write] = _indices[read];
                _data[write] = _data[read];
                write++;
            }
        }
        return write;
    }

    /// <summary>Doubles the entry arrays, or when the final row count is known, sizes them for the rows still to come.</summary>
    private void GrowEntries()
    {
        long size = (long)_indices.Length * 2;
        if (_expectedRows > RowCount && RowCount > 0)
        {
            // Entries per closed row so far, times the rows still to come (the open row included), with 1/8 headroom.
            double perRow = (double)_rowStart / RowCount;
            long projected = _count + (long)Math.Ceiling(perRow * (_expectedRows - RowCount) * 1.125) + 16;
            size = Math.Max(size, projected);
        }
        size = Math.Min(size, Array.MaxLength);
        if (size <= _indices.Length) throw new InvalidOperationException("Too many stored entries for one sparse matrix.");
        var indices = GC.AllocateUninitializedArray<int>((int)size);
        var data = GC.AllocateUninitializedArray<double>((int)size);
        _indices.AsSpan(0, _count).CopyTo(indices);
        _data.AsSpan(0, _count).CopyTo(data);
        _indices = indices;
        _data = data;
    }
}
