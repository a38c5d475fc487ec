namespace MLPrimer.Features;

/// <summary>Mean (target) encoding of one categorical column with m-estimate smoothing, fitted out-of-fold to avoid target leakage.</summary>
/// <remarks>Encoding of category c = (count_c · mean_c + m · prior) / (count_c + m), where prior is the mean target and m is
/// <see cref="Smoothing"/>. <see cref="FitTransform"/> encodes each training row with statistics from the other folds only
/// (prior included); <see cref="Transform"/> uses statistics from all training rows; unseen categories get the prior.</remarks>
public sealed class TargetEncoder
{
    private Dictionary<string, double>? _encodings;

    /// <summary>Creates an encoder with smoothing strength <paramref name="smoothing"/> (m ≥ 0), <paramref name="folds"/> folds (≥ 2) and a shuffle <paramref name="seed"/>.</summary>
    public TargetEncoder(double smoothing = 10.0, int folds = 5, int seed = 0)
    {
        if (!(smoothing >= 0) || double.IsInfinity(smoothing))
            throw new ArgumentException($"smoothing must be a finite number >= 0 (got {smoothing}).", nameof(smoothing));
        Guard.AtLeast(folds, 2, nameof(folds));
        Smoothing = smoothing;
        Folds = folds;
        Seed = seed;
    }

    /// <summary>Smoothing strength m: how many pseudo-rows at the prior are blended into each category's mean.</summary>
    public double Smoothing { get; }

    /// <summary>Number of folds used by the out-of-fold <see cref="FitTransform"/>.</summary>
    public int Folds { get; }

    /// <summary>Seed of the row shuffle that assigns rows to folds.</summary>
    public int Seed { get; }

    /// <summary>Mean target over all training rows (the value of unseen categories).</summary>
    public double Prior { get; private set; } = double.NaN;

    /// <summary>Smoothed encoding of every training category, from all training rows.</summary>
    public IReadOnlyDictionary<string, double> Encodings => _encodings ?? throw NotFitted();

    /// <summary>Learns per-category smoothed means from all rows of <paramref name="categories"/> and <paramref name="y"/>.</summary>
    public TargetEncoder Fit(IReadOnlyList<string> categories, IReadOnlyList<double> y)
    {
        Validate(categories, y);
        var all = new bool[categories.Count];
        Array.Fill(all, true);
        var (stats, prior) = Statistics(categories, y, all);
        _encodings = stats.ToDictionary(kv => kv.Key, kv => Smooth(kv.Value.Sum, kv.Value.Count, prior), StringComparer.Ordinal);
        Prior = prior;
        return this;
    }

    /// <summary>Encodes <paramref name="categories"/> with the fitted means; unseen categories get <see cref="Prior"/>.</summary>
    public double[] Transform(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var enc = _encodings ?? throw NotFitted();
        var result = new double[categories.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var c = categories[i] ?? throw new ArgumentException($"categories must not contain null (index {i}); map missing values to a category first.", nameof(categories));
            result[i] = enc.TryGetValue(c, out double v) ? v : Prior;
        }
        return result;
    }

    /// <summary>Fits on all rows and returns out-of-fold encodings of the same rows (each row encoded without its own fold).</summary>
    public double[] FitTransform(IReadOnlyList<string> categories, IReadOnlyList<double> y)
    {
        Validate(categories, y);
        int n = categories.Count;
        if (Folds > n) throw new ArgumentException($"categories must have at least Folds = {Folds} rows (got {n}).", nameof(categories));
        var fold = AssignFolds(n, Folds, Seed);
        var result = new double[n];
        var inTrain = new bool[n];
        for (int f = 0; f < Folds; f++)
        {
            for (int i = 0; i < n; i++) inTrain[i] = fold[i] != f;
            var (stats, prior) = Statistics(categories, y, inTrain);
            for (int i = 0; i < n; i++)
            {
                if (fold[i] != f) continue;
                result[i] = stats.TryGetValue(categories[i], out var s) ? Smooth(s.Sum, s.Count, prior) : prior;
            }
        }
        Fit(categories, y);
        return result;
    }

    /// <summary>Naive in-sample encoding: fits on all rows and encodes the same rows (leaks each row's own target; for comparison only).</summary>
    public double[] FitTransformInSample(IReadOnlyList<string> categories, IReadOnlyList<double> y) => Fit(categories, y).Transform(categories);

    /// <summary>Fold of each of <paramref name="n"/> rows: a seeded shuffle cut into <paramref name="folds"/> contiguous parts, the first n mod k one row larger.</summary>
    internal static int[] AssignFolds(int n, int folds, int seed)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var rng = new Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var fold = new int[n];
        int baseSize = n / folds, extra = n % folds, p = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = baseSize + (f < extra ? 1 : 0);
            for (int s = 0; s < size; s++) fold[order[p++]] = f;
        }
        return fold;
    }

    private double Smooth(double sum, int count, double prior) =>
        count + Smoothing == 0 ? prior : (sum + Smoothing * prior) / (count + Smoothing);

    private static (Dictionary<string, (double Sum, int Count)> Stats, double Prior) Statistics(
        IReadOnlyList<string> categories, IReadOnlyList<double> y, bool[] use)
    {
        var stats = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        double total = 0;
        int rows = 0;
        for (int i = 0; i < categories.Count; i++)
        {
            if (!use[i]) continue;
            total += y[i];
            rows++;
            ref var s = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(stats, categories[i], out _);
            s.Sum += y[i];
            s.Count++;
        }
        return (stats, total / rows);
    }

    private static void Validate(IReadOnlyList<string> categories, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(y);
        Guard.NotEmpty(categories.Count, nameof(categories));
        if (y.Count != categories.Count)
            throw new ArgumentException($"y must have one target per category value ({categories.Count}); got {y.Count}.", nameof(y));
        for (int i = 0; i < categories.Count; i++)
        {
            if (categories[i] is null)
                throw new ArgumentException($"categories must not contain null (index {i}); map missing values to a category first.", nameof(categories));
            if (!double.IsFinite(y[i]))
                throw new ArgumentException($"y must be finite (y[{i}] = {y[i]}).", nameof(y));
        }
    }

    private static InvalidOperationException NotFitted() => new("TargetEncoder is not fitted yet; call Fit or FitTransform first.");
}
