using System.Collections;
using System.Reflection;

namespace MLPrimer.Tests.Fuzz;

/// <summary>One argument the fuzzer passes: a label for the report, the value, whether it holds NaN or infinity, and whether
/// it holds a magnitude at the edge of the floating-point range (1e300, float.MaxValue, 5e-324), where overflow is IEEE's.</summary>
internal sealed record FuzzArg(string Label, object? Value, bool NonFinite = false, bool Extreme = false);

/// <summary>
/// Seeded argument values for the parameter types the public API uses: scalars (int, long, double, float, bool, string,
/// enums, nullables, TimeSpan), sequences of them (arrays, spans, IReadOnlyList and friends, List) and sequences of
/// sequences (jagged rows). <see cref="Nice"/> gives a valid-looking value in one of a few "flavours" (so at least one
/// combination passes validation and the hostile values reach the code behind it); <see cref="Hostile"/> lists the
/// values a careless caller or a corrupt file produces.
/// </summary>
internal sealed class FuzzValues(string tempDir)
{
    /// <summary>Builds a valid instance of a library type (set by the test: its constructor or static factory with valid
    /// arguments, fitted when it has Fit), or null when none works. Parameters of library types get it, or null.</summary>
    public Func<Type, Func<object>?> Objects { get; set; } = _ => null;

    /// <summary>Which library types may be built as arguments (not processes, servers or TorchSharp modules).</summary>
    public static Func<Type, bool> IsBuildable { get; set; } = _ => false;

    public const int Rows = 8;
    public const int Width = 3;
    public const int Flavours = 4;

    private static readonly Type[] Leaves = [typeof(double), typeof(float), typeof(int), typeof(long), typeof(string), typeof(bool), typeof(uint), typeof(byte)];

    /// <summary>Feature rows as dictionaries: IReadOnlyDictionary&lt;string, V&gt; (or IDictionary, Dictionary) for V string, int, double, object.</summary>
    private static bool IsDictionary(Type t) =>
        t.IsGenericType && t.GetGenericArguments() is [var k, var v] && k == typeof(string)
        && (v == typeof(string) || v == typeof(int) || v == typeof(double) || v == typeof(object))
        && (t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || t.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            || t.GetGenericTypeDefinition() == typeof(Dictionary<,>));

    private static bool IsLeaf(Type t) => Leaves.Contains(t) || IsDictionary(t);

    /// <summary>True when every parameter of this type can be generated.</summary>
    public static bool Supported(Type t) => Describe(t) is not null;

    /// <summary>Leaf type and nesting depth (0 scalar, 1 sequence, 2 sequence of sequences), or null if unsupported.</summary>
    private static (Type Leaf, int Depth)? Describe(Type t)
    {
        if (IsLeaf(t) || t.IsEnum || t == typeof(TimeSpan) || t == typeof(CancellationToken) || t == typeof(Random)) return (t, 0);
        if (Nullable.GetUnderlyingType(t) is { } u) return Leaves.Contains(u) || u.IsEnum ? (t, 0) : null;
        if (IsOptions(t) || t == typeof(TextWriter) || IsLibraryObject(t)) return (t, 0);
        if (t.IsArray && t.GetArrayRank() == 2 && Leaves.Contains(t.GetElementType())) return (t.GetElementType()!, 3);
        if (ElementOf(t) is { } e)
        {
            if (IsLeaf(e)) return (e, 1);
            if (ElementOf(e) is { } ee && IsLeaf(ee)) return (ee, 2);
        }
        return null;
    }

    /// <summary>An options class of the library: public, with a public parameterless constructor and settable properties.</summary>
    private static bool IsOptions(Type t) =>
        t.IsClass && !t.IsAbstract && t.Assembly == typeof(MLPrimer.Primer).Assembly && t.GetConstructor(Type.EmptyTypes) is not null
        && t.Name.EndsWith("Options", StringComparison.Ordinal);

    private static bool IsLibraryObject(Type t) =>
        t.IsClass && !t.IsAbstract && t.Assembly == typeof(MLPrimer.Primer).Assembly && !typeof(Delegate).IsAssignableFrom(t) && IsBuildable(t);

    public static Type? ElementOf(Type t)
    {
        if (t == typeof(string)) return null;
        if (t.IsArray) return t.GetArrayRank() == 1 ? t.GetElementType() : null;
        if (FuzzInvoker.SpanElement(t) is { } s) return s;
        if (!t.IsGenericType) return null;
        var def = t.GetGenericTypeDefinition();
        if (def == typeof(IEnumerable<>) || def == typeof(IReadOnlyList<>) || def == typeof(IReadOnlyCollection<>) || def == typeof(IList<>)
            || def == typeof(ICollection<>) || def == typeof(List<>))
            return t.GetGenericArguments()[0];
        return null;
    }

    public static bool IsPathLike(string name)
    {
        var n = name.ToLowerInvariant();
        return n.Contains("path") || n.Contains("dir") || n.Contains("root") || n.Contains("file") || n.Contains("folder") || n == "location";
    }

    // ---------- nice values ----------

    public object? Nice(ParameterInfo p, int flavour)
    {
        if (flavour == 0 && p.HasDefaultValue)
            return p.DefaultValue ?? (p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? Activator.CreateInstance(p.ParameterType) : null);
        return NiceOf(p.ParameterType, p.Name ?? "", flavour, Rows);
    }

    private object? NiceOf(Type t, string name, int flavour, int rows)
    {
        var (leaf, depth) = Describe(t)!.Value;
        if (depth == 0) return NiceScalar(t, name, flavour);
        if (depth == 1) return Wrap(NiceSequence(leaf, name, flavour, rows), t);
        if (depth == 3) return Matrix(leaf, name, flavour, rows, Width);
        var outer = new Array[rows];
        for (var i = 0; i < rows; i++) outer[i] = NiceSequence(leaf, name, flavour + i, Width, row: i);
        return Wrap(outer, t);
    }

    private object? NiceScalar(Type t, string name, int flavour)
    {
        if (Nullable.GetUnderlyingType(t) is { } u) return flavour == 0 ? null : NiceScalar(u, name, flavour);
        if (t.IsEnum) { var values = Enum.GetValues(t); return values.Length == 0 ? Activator.CreateInstance(t) : values.GetValue(flavour % values.Length); }
        if (t == typeof(int)) return name.Contains("seed", StringComparison.OrdinalIgnoreCase) ? 1 : new[] { 2, 1, 3, 4 }[flavour];
        if (t == typeof(long)) return (long)new[] { 2, 1, 3, 4 }[flavour];
        if (t == typeof(double)) return new[] { 0.5, 0.1, 0.9, 0.05 }[flavour];
        if (t == typeof(float)) return new[] { 0.5f, 0.1f, 0.9f, 0.05f }[flavour];
        if (t == typeof(bool)) return flavour % 2 == 1;
        if (t == typeof(string)) return IsPathLike(name) ? Path.Combine(tempDir, $"new-{Guid.NewGuid():N}") : new[] { "a", "w1", "b", "w2" }[flavour];
        if (t == typeof(TimeSpan)) return TimeSpan.FromMilliseconds(100);
        if (t == typeof(CancellationToken)) return CancellationToken.None;
        if (t == typeof(Random)) return new Random(flavour + 1);
        if (IsOptions(t)) return Activator.CreateInstance(t);
        if (t == typeof(TextWriter)) return TextWriter.Null;
        if (IsLibraryObject(t)) return Objects(t)?.Invoke();
        if (t == typeof(uint)) return (uint)new[] { 2, 1, 3, 4 }[flavour];
        if (t == typeof(byte)) return (byte)new[] { 2, 1, 3, 4 }[flavour];
        if (IsDictionary(t)) return NiceSequence(t, name, flavour, 1).GetValue(0);
        throw new InvalidOperationException($"no nice value for {t}");
    }

    private static Array NiceSequence(Type leaf, string name, int flavour, int length, int row = 0)
    {
        var rng = new Random(1000 * flavour + 17 * row + name.Length);
        var a = Array.CreateInstance(leaf, length);
        for (var i = 0; i < length; i++)
        {
            object v = IsDictionary(leaf) ? Row(leaf, flavour, i, rng)
                : leaf == typeof(uint) ? (uint)IntPattern(flavour, i)
                : leaf == typeof(byte) ? (byte)IntPattern(flavour, i)
                : leaf == typeof(double) ? 0.05 + 0.9 * rng.NextDouble()
                : leaf == typeof(float) ? (object)(float)(0.05 + 0.9 * rng.NextDouble())
                : leaf == typeof(int) ? IntPattern(flavour, i)
                : leaf == typeof(long) ? (long)IntPattern(flavour, i)
                : leaf == typeof(bool) ? i % 2 == 0
                : StringPattern(flavour, i, row);
            a.SetValue(v, i);
        }
        return a;
    }

    /// <summary>A feature row {"f0": v, "f1": v, "f2": v} of the dictionary type <paramref name="dictionary"/>.</summary>
    private static object Row(Type dictionary, int flavour, int i, Random rng)
    {
        var v = dictionary.GetGenericArguments()[1];
        var row = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), v))!;
        for (var j = 0; j < Width; j++)
            row[$"f{j}"] = v == typeof(int) ? IntPattern(flavour, i + j) : v == typeof(double) ? 0.05 + 0.9 * rng.NextDouble() : StringPattern(flavour, i + j, 0);
        return row;
    }

    private static Array Matrix(Type leaf, string name, int flavour, int rows, int columns)
    {
        var m = Array.CreateInstance(leaf, rows, columns);
        for (var r = 0; r < rows; r++)
        {
            var row = NiceSequence(leaf, name, flavour + r, columns, row: r);
            for (var c = 0; c < columns; c++) m.SetValue(row.GetValue(c), r, c);
        }
        return m;
    }

    private static int IntPattern(int flavour, int i) => (flavour % Flavours) switch { 0 => i % 2, 1 => i, 2 => i % 3, _ => i % 4 };

    private static string StringPattern(int flavour, int i, int row) => (flavour % Flavours) switch
    {
        0 => i % 2 == 0 ? "a" : "b",
        1 => $"w{i}",
        2 => $"c{(i + row) % 3}",
        _ => $"w{(i + row) % 5}",
    };

    // ---------- hostile values ----------

    public IEnumerable<FuzzArg> Hostile(ParameterInfo p, int flavour)
    {
        var t = p.ParameterType;
        var name = p.Name ?? "";
        var (leaf, depth) = Describe(t)!.Value;
        if (depth == 0)
        {
            // A path whose default is null means "the bundled data file": null is valid there (and reading the whole
            // Brown corpus again would only cost time).
            var nullIsDefault = p.HasDefaultValue && p.DefaultValue is null && IsPathLike(name);
            foreach (var a in HostileScalar(t, name))
                if (!(nullIsDefault && a.Value is null)) yield return a;
            yield break;
        }
        if (depth == 3)
        {
            yield return new("null", null);
            foreach (var (label, r, c) in new[] { ("0 x 3", 0, Width), ($"{Rows} x 0", Rows, 0), ("1 x 3", 1, Width), ($"{Rows + 1} x 3", Rows + 1, Width), ($"{Rows} x {Width + 1}", Rows, Width + 1) })
                yield return new($"matrix {label}", Matrix(leaf, name, flavour, r, c));
            foreach (var (label, seq, nonFinite) in HostileSequences(leaf, name, flavour, Width))
            {
                if (label.StartsWith("length", StringComparison.Ordinal) || label == "empty") continue;
                var m = Matrix(leaf, name, flavour, Rows, Width);
                for (var c = 0; c < Width; c++) m.SetValue(seq.GetValue(c), 1, c);
                yield return new($"matrix row 1 {label}", m, nonFinite, label.StartsWith("huge", StringComparison.Ordinal));
            }
            var constant = Matrix(leaf, name, flavour, Rows, Width);
            for (var r = 0; r < Rows; r++) constant.SetValue(constant.GetValue(0, 0), r, 0);
            yield return new("matrix with a constant column", constant);
            yield break;
        }
        if (depth == 1)
        {
            yield return new("null", null);
            foreach (var (label, seq, nonFinite) in HostileSequences(leaf, name, flavour, Rows)) yield return new(label, Wrap(seq, t), nonFinite, label.StartsWith("huge", StringComparison.Ordinal));
            yield break;
        }
        yield return new("null", null);
        Array Rows2(int rows, Func<int, Array> row)
        {
            var outer = new Array[rows];
            for (var i = 0; i < rows; i++) outer[i] = row(i);
            return outer;
        }
        Array NiceRow(int i) => NiceSequence(leaf, name, flavour + i, Width, row: i);
        yield return new("no rows", Wrap(Rows2(0, NiceRow), t));
        yield return new("one row", Wrap(Rows2(1, NiceRow), t));
        yield return new($"{Rows + 1} rows", Wrap(Rows2(Rows + 1, NiceRow), t));
        yield return new($"{Rows - 1} rows", Wrap(Rows2(Rows - 1, NiceRow), t));
        yield return new("rows of width 0", Wrap(Rows2(Rows, _ => Array.CreateInstance(leaf, 0)), t));
        yield return new("ragged rows (row 1 shorter)", Wrap(Rows2(Rows, i => i == 1 ? NiceSequence(leaf, name, flavour, Width - 1) : NiceRow(i)), t));
        yield return new("ragged rows (row 1 longer)", Wrap(Rows2(Rows, i => i == 1 ? NiceSequence(leaf, name, flavour, Width + 1) : NiceRow(i)), t));
        var withNull = Rows2(Rows, NiceRow);
        withNull.SetValue(null, 2);
        yield return new("null row", Wrap(withNull, t));
        // Hostile cell values inside row 1.
        foreach (var (label, seq, nonFinite) in HostileSequences(leaf, name, flavour, Width))
        {
            if (label.StartsWith("length", StringComparison.Ordinal) || label == "empty") continue;
            yield return new($"row 1 {label}", Wrap(Rows2(Rows, i => i == 1 ? seq : NiceRow(i)), t), nonFinite, label.StartsWith("huge", StringComparison.Ordinal));
        }
        // The same hostile value in every row (constant columns, single-class rows).
        foreach (var (label, seq, nonFinite) in HostileSequences(leaf, name, flavour, Width))
            if (label is "all zero" or "constant" or "all the same string")
                yield return new($"every row {label}", Wrap(Rows2(Rows, _ => (Array)seq.Clone()), t), nonFinite);
    }

    private IEnumerable<FuzzArg> HostileScalar(Type t, string name)
    {
        if (Nullable.GetUnderlyingType(t) is { } u)
        {
            yield return new("null", null);
            foreach (var a in HostileScalar(u, name)) yield return a;
            yield break;
        }
        if (t.IsEnum)
        {
            foreach (var v in Enum.GetValues(t)) yield return new($"{t.Name}.{v}", v);
            yield return new("undefined enum value -1", Enum.ToObject(t, -1));
            yield return new("undefined enum value 12345", Enum.ToObject(t, 12345));
        }
        else if (t == typeof(int))
            foreach (var v in new[] { -1, 0, 1, Rows, Rows + 1, 1000, int.MaxValue, int.MinValue }) yield return new($"{v}", v);
        else if (t == typeof(long))
            foreach (var v in new[] { -1L, 0L, 1L, Rows + 1, long.MaxValue, long.MinValue }) yield return new($"{v}L", v);
        else if (t == typeof(double))
            foreach (var v in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -1, 1, 2, 1e300, -1e300, double.Epsilon })
                yield return new($"{v}", v, !double.IsFinite(v), Math.Abs(v) is 1e300 or double.Epsilon);
        else if (t == typeof(float))
            foreach (var v in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -1f, 1f, 2f, float.MaxValue })
                yield return new($"{v}f", v, !float.IsFinite(v), v == float.MaxValue);
        else if (t == typeof(bool)) { yield return new("true", true); yield return new("false", false); }
        else if (t == typeof(string))
        {
            yield return new("null", null);
            // Relative paths would write into the test's working folder: path parameters get only rooted hostile paths.
            foreach (var v in IsPathLike(name) ? ["", "   ", "\0"] : new[] { "", "   ", "a b", "\0", "not-a-known-value" }) yield return new($"\"{v}\"", v);
            if (IsPathLike(name))
            {
                yield return new("a path with a space", Path.Combine(tempDir, "a b"));
                yield return new("an existing directory", tempDir);
                yield return new("a missing directory", Path.Combine(tempDir, "missing", "file"));
                yield return new("a file of garbage bytes", GarbageFile());
                yield return new("an empty file", EmptyFile());
            }
        }
        else if (t == typeof(TimeSpan))
            foreach (var v in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.MaxValue, TimeSpan.MinValue }) yield return new($"{v}", v);
        else if (t == typeof(Random) || IsOptions(t) || t == typeof(TextWriter) || IsLibraryObject(t)) yield return new("null", null);
        else if (t == typeof(uint)) foreach (var v in new[] { 0u, 1u, uint.MaxValue }) yield return new($"{v}u", v);
        else if (t == typeof(byte)) foreach (var v in new byte[] { 0, 255 }) yield return new($"(byte){v}", v);
        else if (IsDictionary(t))
        {
            yield return new("null", null);
            foreach (var (label, seq, nonFinite) in HostileSequences(t, name, 0, 3))
                if (label.Contains("at [1]", StringComparison.Ordinal)) yield return new(label.Replace(" at [1]", ""), seq.GetValue(1), nonFinite);
        }
    }

    private static IEnumerable<(string Label, Array Seq, bool NonFinite)> HostileSequences(Type leaf, string name, int flavour, int n)
    {
        Array Make(int length) => NiceSequence(leaf, name, flavour, length);
        Array With(int index, object value) { var a = Make(n); a.SetValue(value, index); return a; }
        Array Fill(object value) { var a = Array.CreateInstance(leaf, n); for (var i = 0; i < n; i++) a.SetValue(value, i); return a; }

        yield return ("empty", Make(0), false);
        yield return ("length 1", Make(1), false);
        yield return ($"length {n + 1} (longer than the others)", Make(n + 1), false);
        yield return ($"length {n - 1} (shorter than the others)", Make(n - 1), false);
        if (leaf == typeof(double))
        {
            yield return ("NaN at [1]", With(1, double.NaN), true);
            yield return ("+Infinity at [1]", With(1, double.PositiveInfinity), true);
            yield return ("-Infinity at [0]", With(0, double.NegativeInfinity), true);
            yield return ("negative at [0]", With(0, -1.0), false);
            yield return ("huge at [0]", With(0, 1e300), false);
            yield return ("all zero", Fill(0.0), false);
            yield return ("constant", Fill(0.5), false);
        }
        else if (leaf == typeof(float))
        {
            yield return ("NaN at [1]", With(1, float.NaN), true);
            yield return ("+Infinity at [1]", With(1, float.PositiveInfinity), true);
            yield return ("-Infinity at [0]", With(0, float.NegativeInfinity), true);
            yield return ("negative at [0]", With(0, -1f), false);
            yield return ("huge at [0]", With(0, float.MaxValue), false);
            yield return ("all zero", Fill(0f), false);
            yield return ("constant", Fill(0.5f), false);
        }
        else if (leaf == typeof(int) || leaf == typeof(long))
        {
            object V(long v) => leaf == typeof(int) ? (object)(int)v : v;
            yield return ("negative at [0]", With(0, V(-1)), false);
            yield return ("2 at [0] (a third class)", With(0, V(2)), false);
            yield return ($"{n} at [0] (index out of range)", With(0, V(n)), false);
            yield return ("huge at [0]", With(0, leaf == typeof(int) ? (object)int.MaxValue : long.MaxValue), false);
            yield return ("all zero", Fill(V(0)), false);
            yield return ("constant", Fill(V(1)), false);
        }
        else if (leaf == typeof(string))
        {
            yield return ("null element at [1]", With(1, null!), false);
            yield return ("empty string at [1]", With(1, ""), false);
            yield return ("whitespace string at [1]", With(1, "a b"), false);
            yield return ("all the same string", Fill("a"), false);
        }
        else if (leaf == typeof(uint) || leaf == typeof(byte))
        {
            yield return ("huge at [0]", With(0, leaf == typeof(uint) ? (object)uint.MaxValue : byte.MaxValue), false);
            yield return ("all zero", Fill(leaf == typeof(uint) ? (object)0u : (byte)0), false);
        }
        else if (IsDictionary(leaf))
        {
            var v = leaf.GetGenericArguments()[1];
            Array WithRow(Action<IDictionary> change) { var a = Make(n); var row = (IDictionary)a.GetValue(1)!; change(row); return a; }
            yield return ("null element at [1]", With(1, null!), false);
            yield return ("empty row at [1]", WithRow(r => r.Clear()), false);
            yield return ("empty key at [1]", WithRow(r => r[""] = r["f0"]), false);
            if (!v.IsValueType) yield return ("null value at [1]", WithRow(r => r["f0"] = null), false);
            if (v == typeof(double) || v == typeof(object))
            {
                yield return ("NaN value at [1]", WithRow(r => r["f0"] = double.NaN), true);
                yield return ("infinite value at [1]", WithRow(r => r["f0"] = double.PositiveInfinity), true);
            }
            if (v == typeof(object)) yield return ("a list as a value at [1]", WithRow(r => r["f0"] = new List<int> { 1 }), false);
        }
        else if (leaf == typeof(bool))
        {
            yield return ("all true", Fill(true), false);
            yield return ("all false", Fill(false), false);
        }
    }

    private string GarbageFile()
    {
        var path = Path.Combine(tempDir, $"garbage-{Guid.NewGuid():N}.bin");
        var bytes = new byte[257];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string EmptyFile()
    {
        var path = Path.Combine(tempDir, $"empty-{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, []);
        return path;
    }

    // ---------- containers ----------

    /// <summary>Turns a logical array (T[] or Array[] of rows) into an instance of <paramref name="target"/>.</summary>
    public static object? Wrap(Array? logical, Type target)
    {
        if (logical is null) return null;
        if (FuzzInvoker.SpanElement(target) is { } se) target = se.MakeArrayType();
        var element = ElementOf(target)!;
        var items = Array.CreateInstance(element, logical.Length);
        for (var i = 0; i < logical.Length; i++)
        {
            var v = logical.GetValue(i);
            items.SetValue(v is Array inner && ElementOf(element) is not null ? Wrap(inner, element) : v, i);
        }
        if (target.IsInstanceOfType(items)) return items;
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var v in items) list.Add(v);
        return list;
    }

    /// <summary>True when the value holds NaN or infinity anywhere (recursively through sequences).</summary>
    public static bool HasNonFinite(object? v, int depth = 0) => v switch
    {
        double d => !double.IsFinite(d),
        float f => !float.IsFinite(f),
        string => false,
        IEnumerable e when depth < 3 => e.Cast<object?>().Any(x => HasNonFinite(x, depth + 1)),
        _ => false,
    };
}
