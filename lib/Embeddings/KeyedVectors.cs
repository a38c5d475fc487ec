using System.Globalization;
using System.Text;

namespace MLPrimer.Embeddings;

/// <summary>Word vectors looked up by word (like gensim's KeyedVectors): cosine similarity, nearest neighbours, word2vec text format.</summary>
public sealed class KeyedVectors
{
    private readonly string[] _words;
    private readonly float[] _vectors;
    private readonly Dictionary<string, int> _index;
    private float[]? _unit;

    /// <summary>Wraps <paramref name="vectors"/> (row-major, one row of <paramref name="vectorSize"/> values per word) for the given words.</summary>
    public KeyedVectors(IReadOnlyList<string> words, float[] vectors, int vectorSize)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectorSize < 1) throw new ArgumentException($"vectorSize must be at least 1, not {vectorSize}.", nameof(vectorSize));
        if (vectors.Length != (long)words.Count * vectorSize)
            throw new ArgumentException($"vectors must hold words.Count * vectorSize = {(long)words.Count * vectorSize} values, not {vectors.Length}.", nameof(vectors));
        _words = words.ToArray();
        _vectors = vectors;
        VectorSize = vectorSize;
        _index = new Dictionary<string, int>(_words.Length, StringComparer.Ordinal);
        for (var i = 0; i < _words.Length; i++)
        {
            var w = _words[i];
            if (string.IsNullOrEmpty(w) || w.Any(char.IsWhiteSpace))
                throw new ArgumentException($"words must be non-empty and free of whitespace; entry {i} is '{w}'.", nameof(words));
            if (!_index.TryAdd(w, i)) throw new ArgumentException($"words must be distinct; '{w}' appears twice.", nameof(words));
        }
    }

    /// <summary>Number of words.</summary>
    public int Count => _words.Length;

    /// <summary>Length of each vector.</summary>
    public int VectorSize { get; }

    /// <summary>The words, in row order.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>True when <paramref name="word"/> has a vector.</summary>
    public bool Contains(string word) => _index.ContainsKey(word ?? throw new ArgumentNullException(nameof(word)));

    /// <summary>Row of <paramref name="word"/>, or -1 when it has no vector.</summary>
    public int IndexOf(string word) => _index.TryGetValue(word ?? throw new ArgumentNullException(nameof(word)), out var i) ? i : -1;

    /// <summary>A copy of the vector of <paramref name="word"/>.</summary>
    public float[] GetVector(string word) => Row(RowOf(word, nameof(word))).ToArray();

    /// <summary>The vector in row <paramref name="index"/> (no copy).</summary>
    public ReadOnlySpan<float> Row(int index)
    {
        if ((uint)index >= (uint)_words.Length) throw new ArgumentException($"index must be in [0, {_words.Length}), not {index}.", nameof(index));
        return _vectors.AsSpan(index * VectorSize, VectorSize);
    }

    /// <summary>Cosine similarity of the vectors of <paramref name="word1"/> and <paramref name="word2"/>.</summary>
    public double Similarity(string word1, string word2)
    {
        var u = Unit();
        int a = RowOf(word1, nameof(word1)), b = RowOf(word2, nameof(word2));
        return Dot(u.AsSpan(a * VectorSize, VectorSize), u.AsSpan(b * VectorSize, VectorSize));
    }

    /// <summary>The <paramref name="k"/> words whose vectors have the highest cosine similarity to that of <paramref name="word"/> (the word itself excluded).</summary>
    public IReadOnlyList<(string Word, double Similarity)> MostSimilar(string word, int k = 10)
    {
        var row = RowOf(word, nameof(word));
        return MostSimilar(Row(row), k, row);
    }

    /// <summary>The <paramref name="k"/> words most cosine-similar to <paramref name="vector"/>.</summary>
    public IReadOnlyList<(string Word, double Similarity)> MostSimilar(ReadOnlySpan<float> vector, int k = 10) => MostSimilar(vector, k, -1);

    private List<(string Word, double Similarity)> MostSimilar(ReadOnlySpan<float> vector, int k, int exclude)
    {
        if (k < 1) throw new ArgumentException($"k must be at least 1, not {k}.", nameof(k));
        if (vector.Length != VectorSize) throw new ArgumentException($"vector must have {VectorSize} values, not {vector.Length}.", nameof(vector));
        var norm = Math.Sqrt(Dot(vector, vector));
        var u = Unit();
        var scores = new List<(string Word, double Similarity)>(_words.Length);
        for (var i = 0; i < _words.Length; i++)
            if (i != exclude)
                scores.Add((_words[i], norm == 0 ? 0 : Dot(vector, u.AsSpan(i * VectorSize, VectorSize)) / norm));
        // Stable sort: equal scores keep row order.
        return scores.OrderByDescending(s => s.Similarity).Take(k).ToList();
    }

    /// <summary>Writes the word2vec text format: a header "count size", then one line per word "word v1 ... vN" (readable by gensim's load_word2vec_format).</summary>
    public void SaveWord2VecFormat(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine($"{Count} {VectorSize}");
            var line = new StringBuilder();
            for (var i = 0; i < _words.Length; i++)
            {
                line.Clear().Append(_words[i]);
                foreach (var v in Row(i)) line.Append(' ').Append(v.ToString("R", CultureInfo.InvariantCulture));
                writer.WriteLine(line);
            }
        });
    }

    /// <summary>Reads the word2vec text format (as written by word2vec.c, gensim's save_word2vec_format or <see cref="SaveWord2VecFormat"/>);
    /// a file that breaks the format, or holds a value that is not a finite number, gives an <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static KeyedVectors LoadWord2VecFormat(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("path must be a non-empty file path.", nameof(path));
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (header is not { Length: 2 } || !int.TryParse(header[0], CultureInfo.InvariantCulture, out var count) ||
            !int.TryParse(header[1], CultureInfo.InvariantCulture, out var size) || count < 0 || size < 1)
            throw new InvalidDataException($"{path}: the first line must be '<word count> <vector size>'.");
        // Each value takes at least two bytes ("0 "): a header promising more than the file can hold is rejected before
        // anything is allocated (a header of '2000000000 1000' would otherwise ask for 8 TB).
        var length = reader.BaseStream.Length;
        if ((double)count * size * 2 > length)
            throw new InvalidDataException($"{path}: the header promises {count:N0} words of {size:N0} values, more than a file of {length:N0} bytes can hold.");
        var words = new string[count];
        var vectors = new float[(long)count * size];
        for (var i = 0; i < count; i++)
        {
            var line = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the header promises {count} words but the file ends after {i}.");
            var parts = line.TrimEnd().Split(' ');
            if (parts.Length != size + 1)
                throw new InvalidDataException($"{path}, line {i + 2}: expected a word and {size} values, found {parts.Length} fields.");
            words[i] = parts[0];
            for (var j = 0; j < size; j++)
            {
                if (!float.TryParse(parts[j + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                    throw new InvalidDataException($"{path}, line {i + 2}: '{parts[j + 1]}' is not a finite number.");
                vectors[(long)i * size + j] = v;
            }
        }
        try
        {
            return new KeyedVectors(words, vectors, size);
        }
        catch (ArgumentException e)
        {
            // A repeated or empty word: the file breaks the format, so it is reported as the file's fault.
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"KeyedVectors: {Count:N0} words x {VectorSize} dimensions";

    private int RowOf(string word, string parameter)
    {
        ArgumentNullException.ThrowIfNull(word, parameter);
        return _index.TryGetValue(word, out var i) ? i : throw new ArgumentException($"'{word}' is not in the vocabulary.", parameter);
    }

    private float[] Unit()
    {
        if (_unit is not null) return _unit;
        var unit = new float[_vectors.Length];
        for (var i = 0; i < _words.Length; i++)
        {
            var row = _vectors.AsSpan(i * VectorSize, VectorSize);
            var norm = Math.Sqrt(Dot(row, row));
            if (norm == 0) continue;
            for (var j = 0; j < VectorSize; j++) unit[i * VectorSize + j] = (float)(row[j] / norm);
        }
        return _unit = unit;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
        return s;
    }
}
