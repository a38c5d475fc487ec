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
/// <remarks>
/// <para>Column of a feature = |h| mod <see cref="NFeatures"/> where h is the signed 32-bit hash (|int.MinValue| is taken as 2^31);
/// with <see cref="AlternateSign"/> the value is negated when h &lt; 0. Zero values are skipped; duplicate columns within a row
/// are summed in arrival order (a cancellation leaves an explicit zero, as scipy's <c>sum_duplicates</c> does); scipy sums
/// in its sort's order, so a non-integer sum of a repeated name in a row of more than 16 entries may differ in the last bit.</para>
/// <para><b>The plain algorithm</b> (chapter 5 writes it out): for each row, start an empty map from column to value; for each
/// feature (name, value) with a non-zero value, hash the name's UTF-8 bytes to h and add the signed value to
/// map[|h| mod n]; the row is the map's entries in column order.</para>
/// <para><b>The fast version builds the same rows.</b> A text value's feature "name=value" is encoded straight into one reused
/// UTF-8 buffer, never built as a string; |h| mod n is a multiplication (Lemire's remainder, exact for every 32-bit h and n);
/// and instead of a map per row, each (column, value) is appended to flat CSR arrays, which <see cref="CsrBuilder"/> turns into
/// the map's entries at the end of the row: a stable sort by column puts the entries of a column next to each other in arrival
/// order, and adding up neighbours gives the map's sums, added in the same order. No string or map is built per row.</para>
/// </remarks>
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
    public SparseMatrix Transform(IEnumerable<IReadOnlyDictionary<string, object?>> rows) =>
        Hash(rows, FeatureHasherInputType.Dict, static (run, row) =>
        {
            foreach (var (name, value) in row)
            {
                switch (value)
                {
                    case string text:
                        run.AddNameValue(name, text);
                        break;
                    case null:
                        throw new ArgumentException(
                            $"feature values must be text or numbers; feature \"{name}\" in row {run.RowCount} is null.", nameof(rows));
                    default:
                        run.Add(name, ToDouble(value, name, run.RowCount));
                        break;
                }
            }
        });

    /// <summary>Hashes dict samples of categorical text values: each entry (f, v) becomes feature "f=v" with value 1.</summary>
    public SparseMatrix Transform(IEnumerable<IReadOnlyDictionary<string, string>> rows) =>
        Hash(rows, FeatureHasherInputType.Dict, static (run, row) =>
        {
            // A Dictionary enumerated as itself uses its struct enumerator, which the interface would box.
            if (row is Dictionary<string, string> dict)
                foreach (var (name, value) in dict) run.AddNameValue(name, value);
            else
                foreach (var (name, value) in row) run.AddNameValue(name, value);
        });

    /// <summary>Hashes dict samples of numeric values (any .NET number type), each used as-is.</summary>
    public SparseMatrix Transform<TValue>(IEnumerable<IReadOnlyDictionary<string, TValue>> rows)
        where TValue : INumberBase<TValue> =>
        Hash(rows, FeatureHasherInputType.Dict, static (run, row) =>
        {
            foreach (var (name, value) in row) run.Add(name, double.CreateChecked(value));
        });

    /// <summary>Hashes pair samples: each (name, value) adds value to the name's column; repeated names add up.</summary>
    public SparseMatrix Transform(IEnumerable<IEnumerable<(string Name, double Value)>> rows) =>
        Hash(rows, FeatureHasherInputType.Pair, static (run, row) =>
        {
            foreach (var (name, value) in row) run.Add(name, value);
        });

    /// <summary>Hashes string samples: each feature name counts 1; repeated names add up.</summary>
    public SparseMatrix Transform(IEnumerable<IEnumerable<string>> rows) =>
        Hash(rows, FeatureHasherInputType.String, static (run, row) =>
        {
            foreach (var name in row) run.Add(name, 1.0);
        });

    /// <summary>The loop every Transform overload shares: check the input type, then per row add its features and close the row.</summary>
    private SparseMatrix Hash<TRow>(IEnumerable<TRow> rows, FeatureHasherInputType inputType, Action<Run, TRow> addFeatures)
    {
        RequireInputType(inputType, rows);
        using var run = new Run(this, rows);
        foreach (var row in rows)
        {
            RequireRow(row, run.RowCount, nameof(rows));
            addFeatures(run, row);
            run.EndRow();
        }
        return run.Build();
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

    /// <summary>One Transform call: hashes each feature to its column and signed value and appends it to the current row.</summary>
    /// <remarks>Disposable because its UTF-8 buffer is rented from the shared array pool.</remarks>
    private sealed class Run : IDisposable
    {
        private const string RowsParameter = "rows"; // every Transform overload names its argument so

        private readonly FeatureHasher _hasher;
        private readonly CsrBuilder _matrix;
        private byte[] _utf8 = ArrayPool<byte>.Shared.Rent(256);

        public Run(FeatureHasher hasher, object rows)
        {
            _hasher = hasher;
            int expectedRows = rows switch
            {
                System.Collections.ICollection c => c.Count,
                IReadOnlyCollection<object> c => c.Count,
                _ => -1,
            };
            _matrix = new CsrBuilder(hasher.NFeatures, expectedRows);
        }

        /// <summary>Rows closed so far (the index of the row being filled).</summary>
        public int RowCount => _matrix.RowCount;

        /// <summary>Adds feature <paramref name="name"/> with <paramref name="value"/>; zeros are skipped before hashing, as scikit-learn does (NaN is kept).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(string name, double value)
        {
            if (name is null) throw NullName();
            if (value == 0) return;
            Span<byte> utf8 = Utf8Buffer(name.Length * 3);
            int length = MurmurHash3.EncodeUtf8(name.AsSpan(), utf8, RowsParameter);
            Append(MurmurHash3.Core(utf8[..length], 0), value);
        }

        /// <summary>Adds feature "<paramref name="name"/>=<paramref name="value"/>" with value 1, hashing the bytes without building the string.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddNameValue(string name, string value)
        {
            if (name is null) throw NullName();
            if (value is null)
                throw new ArgumentException($"feature values must not be null (feature \"{name}\" in row {RowCount}).", RowsParameter);
            Span<byte> utf8 = Utf8Buffer((name.Length + value.Length) * 3 + 1);
            int length = MurmurHash3.EncodeUtf8(name.AsSpan(), utf8, RowsParameter);
            utf8[length++] = (byte)'=';
            length += MurmurHash3.EncodeUtf8(value.AsSpan(), utf8[length..], RowsParameter);
            Append(MurmurHash3.Core(utf8[..length], 0), 1.0);
        }

        /// <summary>Closes the current row (its entries are sorted by column and duplicate columns summed).</summary>
        public void EndRow() => _matrix.EndRow();

        public SparseMatrix Build()
        {
            if (RowCount == 0)
                throw new ArgumentException("rows must contain at least one sample (cannot vectorize an empty sequence).", RowsParameter);
            return _matrix.Build();
        }

        public void Dispose()
        {
            if (_utf8.Length > 0) ArrayPool<byte>.Shared.Return(_utf8);
            _utf8 = [];
        }

        /// <summary>Column |h| mod n; the value is negated when h &lt; 0 and the hasher alternates signs.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Append(uint hash, double value)
        {
            int h = unchecked((int)hash);
            _matrix.Append(_hasher.IndexOf(h), _hasher.AlternateSign && h < 0 ? -value : value);
        }

        /// <summary>The reused UTF-8 buffer, swapped for a larger one when <paramref name="maxBytes"/> would not fit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Span<byte> Utf8Buffer(int maxBytes)
        {
            if (maxBytes > _utf8.Length)
            {
                ArrayPool<byte>.Shared.Return(_utf8);
                _utf8 = [];
                _utf8 = ArrayPool<byte>.Shared.Rent(maxBytes);
            }
            return _utf8;
        }

        private ArgumentException NullName() =>
            new($"feature names must not be null (row {RowCount}).", RowsParameter);
    }
}
