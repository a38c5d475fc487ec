namespace MLPrimer.Features;

/// <summary>What <see cref="OneHotEncoder"/> does with a category it did not see in Fit (scikit-learn's <c>handle_unknown</c>).</summary>
public enum UnknownCategoryHandling
{
    /// <summary>Throw an ArgumentException naming the column and the value.</summary>
    Error,

    /// <summary>Encode the value as all zeros in that column's block.</summary>
    Ignore,
}

/// <summary>One-hot encoding of categorical columns, matching scikit-learn's <c>OneHotEncoder</c> (sorted categories, one block per column).</summary>
/// <remarks>Text categories are sorted by Unicode code point with null last (shown as "None"); numeric categories ascending with NaN last.</remarks>
public sealed class OneHotEncoder
{
    private string?[][]? _text;                  // per column, sorted (text fit)
    private Dictionary<string, int>[]? _textIndex;
    private int[]? _textNullIndex;               // position of null in each column, or -1
    private double[][]? _numbers;                // per column, sorted (numeric fit)
    private Dictionary<double, int>[]? _numberIndex;
    private int[]? _offsets;                     // first output column of each input column's block; length columns + 1

    /// <summary>Creates an encoder; <paramref name="handleUnknown"/> says what Transform does with unseen categories.</summary>
    public OneHotEncoder(UnknownCategoryHandling handleUnknown = UnknownCategoryHandling.Error)
    {
        if (!Enum.IsDefined(handleUnknown))
            throw new ArgumentException($"handleUnknown must be Error or Ignore (got {(int)handleUnknown}).", nameof(handleUnknown));
        HandleUnknown = handleUnknown;
    }

    /// <summary>What Transform does with a category not seen in Fit.</summary>
    public UnknownCategoryHandling HandleUnknown { get; }

    /// <summary>Number of input columns seen by Fit.</summary>
    public int NFeaturesIn => (_offsets ?? throw NotFitted()).Length - 1;

    /// <summary>Number of output columns (total number of categories).</summary>
    public int NOutputFeatures => (_offsets ?? throw NotFitted())[^1];

    /// <summary>Sorted categories of each input column (scikit-learn's <c>categories_</c>): strings (null for missing) or doubles.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Categories
    {
        get
        {
            if (_text is not null) return _text.Select(c => (IReadOnlyList<object?>)c.Cast<object?>().ToArray()).ToArray();
            if (_numbers is not null) return _numbers.Select(c => (IReadOnlyList<object?>)c.Cast<object?>().ToArray()).ToArray();
            throw NotFitted();
        }
    }

    /// <summary>Learns the sorted categories of every column of text data <paramref name="x"/> (null is a category, sorted last).</summary>
    public OneHotEncoder Fit(string?[,] x)
    {
        RequireShape(x, nameof(x));
        int rows = x.GetLength(0), cols = x.GetLength(1);
        var text = new string?[cols][];
        var index = new Dictionary<string, int>[cols];
        var nullIndex = new int[cols];
        for (int c = 0; c < cols; c++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            bool hasNull = false;
            for (int r = 0; r < rows; r++)
            {
                var v = x[r, c];
                if (v is null) hasNull = true;
                else seen.Add(v);
            }
            var sorted = seen.Cast<string?>().ToList();
            sorted.Sort(CategoryOrder.TextComparer.Instance);
            if (hasNull) sorted.Add(null);
            text[c] = sorted.ToArray();
            index[c] = new Dictionary<string, int>(StringComparer.Ordinal);
            nullIndex[c] = -1;
            for (int k = 0; k < sorted.Count; k++)
            {
                if (sorted[k] is { } s) index[c][s] = k;
                else nullIndex[c] = k;
            }
        }
        Reset();
        _text = text;
        _textIndex = index;
        _textNullIndex = nullIndex;
        _offsets = Offsets(text.Select(t => t.Length));
        return this;
    }

    /// <summary>Learns the sorted distinct values of every column of numeric data <paramref name="x"/> (NaN is a category, sorted last).</summary>
    public OneHotEncoder Fit(double[,] x)
    {
        RequireShape(x, nameof(x));
        int rows = x.GetLength(0), cols = x.GetLength(1);
        var numbers = new double[cols][];
        var index = new Dictionary<double, int>[cols];
        for (int c = 0; c < cols; c++)
        {
            var seen = new HashSet<double>(CategoryOrder.NumberComparer.Instance);
            for (int r = 0; r < rows; r++) seen.Add(x[r, c]);
            var sorted = seen.ToArray();
            Array.Sort(sorted, CategoryOrder.NumberComparer.Instance);
            numbers[c] = sorted;
            index[c] = new Dictionary<double, int>(CategoryOrder.NumberComparer.Instance);
            for (int k = 0; k < sorted.Length; k++) index[c][sorted[k]] = k;
        }
        Reset();
        _numbers = numbers;
        _numberIndex = index;
        _offsets = Offsets(numbers.Select(t => t.Length));
        return this;
    }

    /// <summary>Fits on text data and returns its sparse one-hot encoding.</summary>
    public SparseMatrix FitTransform(string?[,] x) => Fit(x).Transform(x);

    /// <summary>Fits on numeric data and returns its sparse one-hot encoding.</summary>
    public SparseMatrix FitTransform(double[,] x) => Fit(x).Transform(x);

    /// <summary>Sparse one-hot encoding of text data (scikit-learn's default output).</summary>
    public SparseMatrix Transform(string?[,] x)
    {
        RequireFittedOn(text: true);
        return Encode(x, (r, c) => LookupText(x[r, c], c, r));
    }

    /// <summary>Sparse one-hot encoding of numeric data.</summary>
    public SparseMatrix Transform(double[,] x)
    {
        RequireFittedOn(text: false);
        return Encode(x, (r, c) => LookupNumber(x[r, c], c, r));
    }

    /// <summary>Dense one-hot encoding of text data (scikit-learn's <c>sparse_output=False</c>).</summary>
    public double[,] TransformDense(string?[,] x) => Transform(x).ToDense();

    /// <summary>Dense one-hot encoding of numeric data (scikit-learn's <c>sparse_output=False</c>).</summary>
    public double[,] TransformDense(double[,] x) => Transform(x).ToDense();

    /// <summary>Output column names "x0_red" as scikit-learn writes them, using <paramref name="inputFeatures"/> instead of x0, x1, ... when given.</summary>
    public string[] GetFeatureNamesOut(IReadOnlyList<string>? inputFeatures = null)
    {
        var offsets = _offsets ?? throw NotFitted();
        int cols = offsets.Length - 1;
        if (inputFeatures is not null)
        {
            if (inputFeatures.Count != cols)
                throw new ArgumentException($"inputFeatures must have {cols} names (got {inputFeatures.Count}).", nameof(inputFeatures));
            if (inputFeatures.Any(s => s is null))
                throw new ArgumentException("inputFeatures must not contain null names.", nameof(inputFeatures));
        }
        var names = new string[offsets[^1]];
        for (int c = 0; c < cols; c++)
        {
            string prefix = (inputFeatures?[c] ?? "x" + c) + "_";
            int count = offsets[c + 1] - offsets[c];
            for (int k = 0; k < count; k++)
            {
                string label = _text is not null ? _text[c][k] ?? "None" : CategoryOrder.PythonRepr(_numbers![c][k]);
                names[offsets[c] + k] = prefix + label;
            }
        }
        return names;
    }

    private SparseMatrix Encode<T>(T[,] x, Func<int, int, int> lookup)
    {
        ArgumentNullException.ThrowIfNull(x);
        var offsets = _offsets!;
        int cols = offsets.Length - 1;
        if (x.GetLength(1) != cols)
            throw new ArgumentException($"x must have {cols} columns, as seen by Fit (got {x.GetLength(1)}).", nameof(x));
        int rows = x.GetLength(0);
        var indPtr = new int[rows + 1];
        var indices = new List<int>(rows * cols);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                int k = lookup(r, c);
                if (k >= 0) indices.Add(offsets[c] + k);
            }
            indPtr[r + 1] = indices.Count;
        }
        var data = new double[indices.Count];
        Array.Fill(data, 1.0);
        return new SparseMatrix(rows, offsets[^1], indPtr, indices.ToArray(), data, trusted: true);
    }

    private int LookupText(string? value, int column, int row)
    {
        int k = value is null ? _textNullIndex![column] : _textIndex![column].GetValueOrDefault(value, -1);
        if (k < 0 && HandleUnknown == UnknownCategoryHandling.Error)
            throw new ArgumentException(
                $"x holds a category not seen in Fit: {(value is null ? "null" : "\"" + value + "\"")} in column {column} (row {row}); " +
                "use UnknownCategoryHandling.Ignore to encode unseen categories as zeros.", "x");
        return k;
    }

    private int LookupNumber(double value, int column, int row)
    {
        int k = _numberIndex![column].GetValueOrDefault(value, -1);
        if (k < 0 && HandleUnknown == UnknownCategoryHandling.Error)
            throw new ArgumentException(
                $"x holds a category not seen in Fit: {CategoryOrder.PythonRepr(value)} in column {column} (row {row}); " +
                "use UnknownCategoryHandling.Ignore to encode unseen categories as zeros.", "x");
        return k;
    }

    private void RequireFittedOn(bool text)
    {
        if (_offsets is null) throw NotFitted();
        if (text && _text is null)
            throw new ArgumentException("x is text but the encoder was fitted on numbers; transform numeric data, or refit.", "x");
        if (!text && _numbers is null)
            throw new ArgumentException("x is numeric but the encoder was fitted on text; transform text data, or refit.", "x");
    }

    private static void RequireShape<T>(T[,] x, string paramName)
    {
        if (x is null) throw new ArgumentNullException(paramName);
        if (x.GetLength(0) == 0) throw new ArgumentException($"{paramName} must have at least one row.", paramName);
        if (x.GetLength(1) == 0) throw new ArgumentException($"{paramName} must have at least one column.", paramName);
    }

    private static int[] Offsets(IEnumerable<int> sizes)
    {
        var list = new List<int> { 0 };
        foreach (int s in sizes) list.Add(list[^1] + s);
        return list.ToArray();
    }

    private void Reset()
    {
        _text = null;
        _textIndex = null;
        _textNullIndex = null;
        _numbers = null;
        _numberIndex = null;
        _offsets = null;
    }

    private static InvalidOperationException NotFitted() => new("OneHotEncoder is not fitted yet; call Fit first.");
}
