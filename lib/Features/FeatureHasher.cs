using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MLPrimer.Features;

/// <summary>What one sample looks like for <see cref="FeatureHasher"/>, as scikit-learn's <c>input_type</c>.</summary>
public enum FeatureHasherInputType
{
    /// <summary>A dictionary from feature name to value; a text value v of feature f becomes feature "f=v" with value 1.</summary>
    Dict,

    /// <summary>A sequence of (feature name, value) pairs; names may repeat and their values add up.</summary>
    Pair,

    /// <summary>A sequence of feature names, each counting 1; repeated names add up.</summary>
    String,
}

/// <summary>The hashing trick, bit-compatible with scikit-learn's <c>FeatureHasher</c> (signed MurmurHash3, seed 0, UTF-8 names).</summary>
/// <remarks>Column of a feature = |h| mod <see cref="NFeatures"/> where h is the signed 32-bit hash (|int.MinValue| is taken as 2^31);
/// with <see cref="AlternateSign"/> the value is negated when h &lt; 0. Zero values are skipped; duplicate columns within a row
/// are summed in arrival order (a cancellation leaves an explicit zero, as scipy's <c>sum_duplicates</c> does); scipy sums
/// in its sort's order, so a non-integer sum of a repeated name in a row of more than 16 entries may differ in the last bit.</remarks>
public sealed class FeatureHasher
{
    /// <summary>scikit-learn's default width, 2^20 columns.</summary>
    public const int DefaultFeatures = 1 << 20;

    private readonly uint _nFeatures;
    private readonly ulong _fastModMultiplier;

    /// <summary>Creates a hasher with <paramref name="nFeatures"/> output columns (at least 1), the given input type, and sign alternation.</summary>
    public FeatureHasher(int nFeatures = DefaultFeatures, FeatureHasherInputType inputType = FeatureHasherInputType.Dict, bool alternateSign = true)
    {
        if (nFeatures < 1)
            throw new ArgumentException($"nFeatures must be at least 1 (got {nFeatures}).", nameof(nFeatures));
        if (!Enum.IsDefined(inputType))
            throw new ArgumentException($"inputType must be Dict, Pair or String (got {(int)inputType}).", nameof(inputType));
        NFeatures = nFeatures;
        InputType = inputType;
        AlternateSign = alternateSign;
        _nFeatures = (uint)nFeatures;
        _fastModMultiplier = ulong.MaxValue / _nFeatures + 1;
    }

    /// <summary>Number of output columns (scikit-learn's <c>n_features</c>).</summary>
    public int NFeatures { get; }

    /// <summary>The shape of one sample this hasher accepts (scikit-learn's <c>input_type</c>).</summary>
    public FeatureHasherInputType InputType { get; }

    /// <summary>Whether a feature's value is negated when its hash is negative (scikit-learn's <c>alternate_sign</c>).</summary>
    public bool AlternateSign { get; }

    /// <summary>The column and sign (+1 or -1) that the feature name <paramref name="feature"/> is hashed to.</summary>
    public (int Index, int Sign) Bucket(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        int h = unchecked((int)MurmurHash3.HashUtf16(feature.AsSpan(), 0, nameof(feature)));
        return (IndexOf(h), AlternateSign && h < 0 ? -1 : 1);
    }

    /// <summary>Hashes dict samples whose values are text (each becomes "name=value" with value 1) or numbers (used as-is).</summary>
    public SparseMatrix Transform(IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        RequireInputType(FeatureHasherInputType.Dict, rows);
        var run = new Run(this, rows);
        try
        {
            foreach (var row in rows)
            {
                RequireRow(row, run.RowCount, nameof(rows));
                foreach (var (name, value) in row)
                {
                    switch (value)
                    {
                        case string text:
                            run.AddNameValue(name, text, nameof(rows));
                            break;
                        case null:
                            throw new ArgumentException(
                                $"feature values must be text or numbers; feature \"{name}\" in row {run.RowCount} is null.", nameof(rows));
                        default:
                            run.Add(name, ToDouble(value, name, run.RowCount), nameof(rows));
                            break;
                    }
                }
                run.EndRow();
            }
            return run.Build(nameof(rows));
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>Hashes dict samples of categorical text values: each entry (f, v) becomes feature "f=v" with value 1.</summary>
    public SparseMatrix Transform(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        RequireInputType(FeatureHasherInputType.Dict, rows);
        var run = new Run(this, rows);
        try
        {
            foreach (var row in rows)
            {
                RequireRow(row, run.RowCount, nameof(rows));
                if (row is Dictionary<string, string> dict)
                {
                    foreach (var (name, value) in dict) run.AddNameValue(name, value, nameof(rows));
                }
                else
                {
                    foreach (var (name, value) in row) run.AddNameValue(name, value, nameof(rows));
                }
                run.EndRow();
            }
            return run.Build(nameof(rows));
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>Hashes dict samples of numeric values (any .NET number type), each used as-is.</summary>
    public SparseMatrix Transform<TValue>(IEnumerable<IReadOnlyDictionary<string, TValue>> rows)
        where TValue : INumberBase<TValue>
    {
        RequireInputType(FeatureHasherInputType.Dict, rows);
        var run = new Run(this, rows);
        try
        {
            foreach (var row in rows)
            {
                RequireRow(row, run.RowCount, nameof(rows));
                foreach (var (name, value) in row) run.Add(name, double.CreateChecked(value), nameof(rows));
                run.EndRow();
            }
            return run.Build(nameof(rows));
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>Hashes pair samples: each (name, value) adds value to the name's column; repeated names add up.</summary>
    public SparseMatrix Transform(IEnumerable<IEnumerable<(string Name, double Value)>> rows)
    {
        RequireInputType(FeatureHasherInputType.Pair, rows);
        var run = new Run(this, rows);
        try
        {
            foreach (var row in rows)
            {
                RequireRow(row, run.RowCount, nameof(rows));
                foreach (var (name, value) in row) run.Add(name, value, nameof(rows));
                run.EndRow();
            }
            return run.Build(nameof(rows));
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>Hashes string samples: each feature name counts 1; repeated names add up.</summary>
    public SparseMatrix Transform(IEnumerable<IEnumerable<string>> rows)
    {
        RequireInputType(FeatureHasherInputType.String, rows);
        var run = new Run(this, rows);
        try
        {
            foreach (var row in rows)
            {
                RequireRow(row, run.RowCount, nameof(rows));
                foreach (var name in row) run.Add(name, 1.0, nameof(rows));
                run.EndRow();
            }
            return run.Build(nameof(rows));
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>|h| mod n, with |int.MinValue| read as 2^31 (scikit-learn maps it to 2^31 mod n the same way).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int IndexOf(int h)
    {
        uint magnitude = h >= 0 ? (uint)h : unchecked((uint)-(long)h);
        // Lemire's fast remainder: exact for every 32-bit numerator and divisor (for n = 1 the multiplier wraps to 0 and yields 0).
        ulong lowBits = unchecked(_fastModMultiplier * magnitude);
        return (int)Math.BigMul(lowBits, _nFeatures, out _);
    }

    private void RequireInputType(FeatureHasherInputType expected, object? rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (InputType != expected)
            throw new ArgumentException(
                $"this FeatureHasher expects InputType.{InputType} samples, but rows holds {expected} samples; " +
                $"create it with inputType: FeatureHasherInputType.{expected}.", nameof(rows));
    }

    private static void RequireRow(object? row, int index, string paramName)
    {
        if (row is null) throw new ArgumentException($"rows must not contain null samples (row {index} is null).", paramName);
    }

    private static double ToDouble(object value, string name, int row) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        short s => s,
        sbyte sb => sb,
        byte b => b,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        decimal m => (double)m,
        Half h => (double)h,
        bool flag => flag ? 1.0 : 0.0,
        _ => throw new ArgumentException(
            $"feature values must be text or numbers; feature \"{name}\" in row {row} is a {value.GetType().Name}.", "rows"),
    };

    /// <summary>State of one Transform call: a growing CSR buffer plus a reusable UTF-8 scratch buffer.</summary>
    private sealed class Run
    {
        private readonly FeatureHasher _owner;
        private byte[] _scratch;
        private int[] _indices;
        private double[] _data;
        private int[] _indPtr;
        private int _count;
        private int _rowStart;
        private readonly int _expectedRows; // row count when rows is a collection, else -1

        public Run(FeatureHasher owner, object rows)
        {
            _owner = owner;
            _scratch = ArrayPool<byte>.Shared.Rent(256);
            _expectedRows = rows switch
            {
                System.Collections.ICollection c => c.Count,
                IReadOnlyCollection<object> c => c.Count,
                _ => -1,
            };
            _indices = new int[256];
            _data = new double[256];
            _indPtr = GC.AllocateUninitializedArray<int>(Math.Max(_expectedRows, 256) + 1);
            _indPtr[0] = 0;
            _count = 0;
            _rowStart = 0;
            RowCount = 0;
        }

        public int RowCount { get; private set; }

        /// <summary>Adds feature <paramref name="name"/> with <paramref name="value"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(string name, double value, string paramName)
        {
            if (name is null) throw NullName(paramName);
            if (value == 0) return; // zeros are skipped before hashing, as scikit-learn does (NaN is kept)
            int needed = name.Length * 3;
            if (needed > _scratch.Length) Grow(needed);
            int n = MurmurHash3.EncodeUtf8(name.AsSpan(), _scratch, paramName);
            Store(MurmurHash3.Core(_scratch.AsSpan(0, n), 0), value);
        }

        /// <summary>Adds feature "<paramref name="name"/>=<paramref name="value"/>" with value 1, without building the string.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddNameValue(string name, string value, string paramName)
        {
            if (name is null) throw NullName(paramName);
            if (value is null)
                throw new ArgumentException($"feature values must not be null (feature \"{name}\" in row {RowCount}).", paramName);
            int needed = (name.Length + value.Length) * 3 + 1;
            if (needed > _scratch.Length) Grow(needed);
            var span = _scratch.AsSpan();
            int n = MurmurHash3.EncodeUtf8(name.AsSpan(), span, paramName);
            span[n++] = (byte)'=';
            n += MurmurHash3.EncodeUtf8(value.AsSpan(), span[n..], paramName);
            Store(MurmurHash3.Core(span[..n], 0), 1.0);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Store(uint hash, double value)
        {
            int h = unchecked((int)hash);
            int index = _owner.IndexOf(h);
            if (_owner.AlternateSign && h < 0) value = -value;
            if (_count == _indices.Length) GrowEntries();
            _indices[_count] = index;
            _data[_count] = value;
            _count++;
        }

        /// <summary>Closes the current row: sorts its entries by column and sums duplicates.</summary>
        public void EndRow()
        {
            int start = _rowStart, end = _count;
            if (end - start > InsertionSortLimit) SortLongRow(start, end);
            // Insertion sort: short rows are the usual case, and it keeps equal columns in arrival order for the summation.
            else for (int i = start + 1; i < end; i++)
            {
                int key = _indices[i];
                double val = _data[i];
                int j = i - 1;
                while (j >= start && _indices[j] > key)
                {
                    _indices[j + 1] = _indices[j];
                    _data[j + 1] = _data[j];
                    j--;
                }
                _indices[j + 1] = key;
                _data[j + 1] = val;
            }
            int write = start;
            for (int read = start; read < end; read++)
            {
                if (write > start && _indices[write - 1] == _indices[read])
                    _data[write - 1] += _data[read];
                else
                {
                    _indices[write] = _indices[read];
                    _data[write] = _data[read];
                    write++;
                }
            }
            _count = write;
            _rowStart = write;
            RowCount++;
            if (RowCount + 1 > _indPtr.Length) Array.Resize(ref _indPtr, (int)Math.Min((long)_indPtr.Length * 2, Array.MaxLength));
            _indPtr[RowCount] = write;
        }

        /// <summary>Rows longer than this (e.g. the tokens of a whole document) are sorted in O(L log L) instead of by insertion.</summary>
        private const int InsertionSortLimit = 64;

        /// <summary>Stable sort of a long row's entries by column: keys are column·2^32 + arrival position, so equal columns keep arrival order.</summary>
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

        public SparseMatrix Build(string paramName)
        {
            if (RowCount == 0)
                throw new ArgumentException("rows must contain at least one sample (cannot vectorize an empty sequence).", paramName);
            // Hand the buffers over as they are when they are exactly full; otherwise copy the used part.
            var indPtr = _indPtr.Length == RowCount + 1 ? _indPtr : _indPtr[..(RowCount + 1)];
            var indices = _indices.Length == _count ? _indices : _indices[.._count];
            var data = _data.Length == _count ? _data : _data[.._count];
            return new SparseMatrix(RowCount, _owner.NFeatures, indPtr, indices, data, trusted: true);
        }

        public void Dispose()
        {
            if (_scratch.Length > 0) ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }

        private void Grow(int needed)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = ArrayPool<byte>.Shared.Rent(needed);
        }

        private void GrowEntries()
        {
            long size = (long)_indices.Length * 2;
            if (_expectedRows > RowCount && RowCount > 0)
            {
                // Entries per finished row so far, times the rows still to come (plus the open row), with 1/8 headroom.
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

        private ArgumentException NullName(string paramName) =>
            new($"feature names must not be null (row {RowCount}).", paramName);
    }
}
