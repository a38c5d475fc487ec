using System.Text;

namespace MLPrimer.Features;

/// <summary>Polynomial and interaction (cross) features of numeric columns, in the column order of scikit-learn's <c>PolynomialFeatures</c>.</summary>
/// <remarks>Columns: the bias 1 (optional), then every degree-1 term, then every degree-2 term, and so on; within a degree the
/// index combinations come in lexicographic order (x0², x0·x1, x0·x2, x1², ...). With <see cref="InteractionOnly"/> no index repeats.</remarks>
public sealed class PolynomialFeatures
{
    private int[][]? _terms;     // input indices of each output column (empty for the bias)
    private int[]? _suffixColumn; // output column holding the product of terms[c][1..], or -1

    /// <summary>Creates the transformer: terms up to total <paramref name="degree"/> (at least 1), optionally only products of distinct inputs, optionally with a bias column.</summary>
    public PolynomialFeatures(int degree = 2, bool interactionOnly = false, bool includeBias = true)
    {
        Guard.AtLeast(degree, 1, nameof(degree));
        Degree = degree;
        InteractionOnly = interactionOnly;
        IncludeBias = includeBias;
    }

    /// <summary>Highest total degree of the generated terms.</summary>
    public int Degree { get; }

    /// <summary>When true only products of distinct input columns are generated (no x0², ...).</summary>
    public bool InteractionOnly { get; }

    /// <summary>When true the first output column is the constant 1.</summary>
    public bool IncludeBias { get; }

    /// <summary>Number of input columns seen by <see cref="Fit"/>.</summary>
    public int NFeaturesIn => _terms is null ? throw NotFitted() : _nFeaturesIn;

    private int _nFeaturesIn;

    /// <summary>Number of output columns.</summary>
    public int NOutputFeatures => (_terms ?? throw NotFitted()).Length;

    /// <summary>Exponent of input j in output column i (scikit-learn's <c>powers_</c>), shape NOutputFeatures × NFeaturesIn.</summary>
    public int[,] Powers
    {
        get
        {
            var terms = _terms ?? throw NotFitted();
            var powers = new int[terms.Length, _nFeaturesIn];
            for (int c = 0; c < terms.Length; c++)
                foreach (int j in terms[c]) powers[c, j]++;
            return powers;
        }
    }

    /// <summary>scikit-learn's PolynomialFeatures rejects NaN and infinity ("Input X contains NaN") rather than spreading them over every product.</summary>
    private static void RequireFinite(double[,] x)
    {
        for (int r = 0; r < x.GetLength(0); r++)
            for (int c = 0; c < x.GetLength(1); c++)
                if (!double.IsFinite(x[r, c]))
                    throw new ArgumentException($"x[{r}, {c}] is {x[r, c]}: x must hold finite numbers (impute missing values first).", nameof(x));
    }

    /// <summary>Records the number of input columns of <paramref name="x"/> and builds the output terms.</summary>
    public PolynomialFeatures Fit(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(1);
        if (x.GetLength(0) == 0) throw new ArgumentException("x must have at least one row.", nameof(x));
        if (n == 0) throw new ArgumentException("x must have at least one column.", nameof(x));
        RequireFinite(x);
        BuildTerms(n);
        return this;
    }

    /// <summary>Fits on <paramref name="x"/> and returns its polynomial features.</summary>
    public double[,] FitTransform(double[,] x) => Fit(x).Transform(x);

    /// <summary>Polynomial features of <paramref name="x"/>, one row per input row; x must have <see cref="NFeaturesIn"/> columns.</summary>
    public double[,] Transform(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var terms = _terms ?? throw NotFitted();
        var suffix = _suffixColumn!;
        if (x.GetLength(1) != _nFeaturesIn)
            throw new ArgumentException($"x must have {_nFeaturesIn} columns, as seen by Fit (got {x.GetLength(1)}).", nameof(x));
        RequireFinite(x);
        int rows = x.GetLength(0), cols = terms.Length;
        var result = new double[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                var t = terms[c];
                result[r, c] = t.Length switch
                {
                    0 => 1.0,
                    1 => x[r, t[0]],
                    // Same association as scikit-learn: (product of the later factors) * first factor.
                    _ => result[r, suffix[c]] * x[r, t[0]],
                };
            }
        }
        return result;
    }

    /// <summary>Output column names as scikit-learn writes them ("1", "x0", "x0^2", "x0 x1"), using <paramref name="inputFeatures"/> when given.</summary>
    public string[] GetFeatureNamesOut(IReadOnlyList<string>? inputFeatures = null)
    {
        var terms = _terms ?? throw NotFitted();
        if (inputFeatures is not null)
        {
            if (inputFeatures.Count != _nFeaturesIn)
                throw new ArgumentException($"inputFeatures must have {_nFeaturesIn} names (got {inputFeatures.Count}).", nameof(inputFeatures));
            if (inputFeatures.Any(s => s is null))
                throw new ArgumentException("inputFeatures must not contain null names.", nameof(inputFeatures));
        }
        string Name(int j) => inputFeatures?[j] ?? "x" + j;
        var names = new string[terms.Length];
        var sb = new StringBuilder();
        for (int c = 0; c < terms.Length; c++)
        {
            var t = terms[c];
            if (t.Length == 0) { names[c] = "1"; continue; }
            sb.Clear();
            for (int i = 0; i < t.Length;)
            {
                int run = 1;
                while (i + run < t.Length && t[i + run] == t[i]) run++;
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(Name(t[i]));
                if (run > 1) sb.Append('^').Append(run);
                i += run;
            }
            names[c] = sb.ToString();
        }
        return names;
    }

    private void BuildTerms(int n)
    {
        var terms = new List<int[]>();
        if (IncludeBias) terms.Add([]);
        var current = new int[Degree];
        for (int degree = 1; degree <= Degree; degree++)
        {
            if (InteractionOnly && degree > n) break;
            Enumerate(0, 0, degree);
        }

        void Enumerate(int depth, int from, int degree)
        {
            if (depth == degree)
            {
                terms.Add(current[..degree]);
                return;
            }
            for (int j = from; j < n; j++)
            {
                current[depth] = j;
                Enumerate(depth + 1, InteractionOnly ? j + 1 : j, degree);
            }
        }

        var index = new Dictionary<string, int>(terms.Count);
        for (int c = 0; c < terms.Count; c++) index[Key(terms[c])] = c;
        var suffix = new int[terms.Count];
        for (int c = 0; c < terms.Count; c++)
            suffix[c] = terms[c].Length >= 2 ? index[Key(terms[c][1..])] : -1;

        _nFeaturesIn = n;
        _terms = terms.ToArray();
        _suffixColumn = suffix;
    }

    private static string Key(int[] term) => string.Join(',', term);

    private static InvalidOperationException NotFitted() => new("PolynomialFeatures is not fitted yet; call Fit first.");
}
