using MLPrimer.Exploration;

namespace MLPrimer.Monitoring;

/// <summary>Maximum mean discrepancy with a Gaussian RBF kernel k(a,b) = exp(−‖a−b‖²/(2σ²)): the unbiased MMD² estimate and a seeded permutation test.</summary>
public static class MaximumMeanDiscrepancy
{
    // Each permutation recomputes the statistic over all pairs; more than this only burns time.
    private const int MaxPermutations = 1_000_000;

    /// <summary>The median heuristic bandwidth: σ = median of the Euclidean distances between all distinct pairs of the pooled rows.</summary>
    public static double MedianHeuristic(double[][] x, double[][] y)
    {
        var pooled = Pool(x, y);
        var distances = new double[pooled.Length * (pooled.Length - 1) / 2];
        var k = 0;
        for (var i = 0; i < pooled.Length; i++)
            for (var j = i + 1; j < pooled.Length; j++)
                distances[k++] = Math.Sqrt(SquaredDistance(pooled[i], pooled[j]));
        Array.Sort(distances);
        var median = Quantiles.Sorted(distances, 0.5);
        return median > 0 ? median : 1.0;
    }

    /// <summary>Unbiased MMD²: mean k(x,x') over distinct pairs + mean k(y,y') over distinct pairs − 2·mean k(x,y) (Gretton et al. 2012, eq. 3).</summary>
    public static double UnbiasedMmd2(double[][] x, double[][] y, double sigma)
    {
        var pooled = Pool(x, y);
        if (!(sigma > 0) || !double.IsFinite(sigma)) throw new ArgumentException($"sigma must be positive and finite, got {sigma}.", nameof(sigma));
        var kernel = Kernel(pooled, sigma);
        var index = Enumerable.Range(0, pooled.Length).ToArray();
        return Statistic(kernel, index, x.Length);
    }

    /// <summary>Unbiased MMD² with the median-heuristic σ (unless given) and its permutation p-value (1 + #{permuted ≥ observed}) / (1 + permutations), seeded.</summary>
    public static TwoSampleTestResult Test(double[][] x, double[][] y, int permutations = 200, int seed = 0, double? sigma = null)
    {
        if (permutations < 1 || permutations > MaxPermutations)
            throw new ArgumentException($"permutations must be between 1 and {MaxPermutations:N0} (a p-value resolution of 1e-6 is plenty), got {permutations}.", nameof(permutations));
        var pooled = Pool(x, y);
        var s = sigma ?? MedianHeuristic(x, y);
        if (!(s > 0) || !double.IsFinite(s)) throw new ArgumentException($"sigma must be positive and finite, got {s}.", nameof(sigma));
        var kernel = Kernel(pooled, s);
        var index = Enumerable.Range(0, pooled.Length).ToArray();
        var observed = Statistic(kernel, index, x.Length);
        var rng = new Random(seed);
        var atLeast = 0;
        for (var b = 0; b < permutations; b++)
        {
            rng.Shuffle(index);
            if (Statistic(kernel, index, x.Length) >= observed) atLeast++;
        }
        return new TwoSampleTestResult(observed, (1.0 + atLeast) / (1.0 + permutations));
    }

    private static double[][] Pool(double[][] x, double[][] y)
    {
        var dx = Guard.Rows(x, nameof(x), 2);
        var dy = Guard.Rows(y, nameof(y), 2);
        if (dx != dy) throw new ArgumentException($"x has {dx} features and y has {dy}; both samples must have the same features.", nameof(y));
        return x.Concat(y).ToArray();
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        double s = 0;
        for (var k = 0; k < a.Length; k++) { var d = a[k] - b[k]; s += d * d; }
        return s;
    }

    private static double[,] Kernel(double[][] rows, double sigma)
    {
        var n = rows.Length;
        var k = new double[n, n];
        var scale = -1 / (2 * sigma * sigma);
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
                k[i, j] = k[j, i] = Math.Exp(scale * SquaredDistance(rows[i], rows[j]));
        return k;
    }

    // index[0..m) are the "x" rows, the rest the "y" rows.
    private static double Statistic(double[,] k, int[] index, int m)
    {
        var n = index.Length - m;
        double xx = 0, yy = 0, xy = 0;
        for (var a = 0; a < index.Length; a++)
        {
            var ia = index[a];
            for (var b = a + 1; b < index.Length; b++)
            {
                var v = k[ia, index[b]];
                if (b < m) xx += v;
                else if (a >= m) yy += v;
                else xy += v;
            }
        }
        return 2 * xx / ((double)m * (m - 1)) + 2 * yy / ((double)n * (n - 1)) - 2 * xy / ((double)m * n);
    }
}
