using MathNet.Numerics;

namespace MLPrimer.Monitoring;

/// <summary>How the two-sample Kolmogorov–Smirnov p-value is computed (scipy.stats.ks_2samp's method).</summary>
public enum KolmogorovSmirnovMethod
{
    /// <summary>Exact when n·m ≤ 25,000,000, otherwise asymptotic.</summary>
    Auto,
    /// <summary>The exact null distribution of the statistic (no ties assumed), by counting lattice paths.</summary>
    Exact,
    /// <summary>Kolmogorov's limiting distribution at √(nm/(n+m))·D.</summary>
    Asymptotic,
}

/// <summary>Two-sample Kolmogorov–Smirnov test (scipy.stats.ks_2samp, two-sided): D = max |F_x − F_y| of the two empirical CDFs.</summary>
public static class KolmogorovSmirnovTest
{
    /// <summary>D and its two-sided p-value. Exact p-values equal scipy's method='exact'; asymptotic ones equal scipy's kstwobign.sf(√en·D) (scipy's own 'asymp' uses the finite-n kstwo instead, close for large samples).</summary>
    public static TwoSampleTestResult TwoSample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        Guard.Sample(x, nameof(x));
        Guard.Sample(y, nameof(y));
        var a = x.ToArray(); Array.Sort(a);
        var b = y.ToArray(); Array.Sort(b);
        int n = a.Length, m = b.Length;
        // Walk the pooled sorted values; after all copies of a value are passed, compare the CDFs (integer numerators).
        long best = 0; int i = 0, j = 0;
        while (i < n || j < m)
        {
            var v = i < n && (j >= m || a[i] <= b[j]) ? a[i] : b[j];
            while (i < n && a[i] == v) i++;
            while (j < m && b[j] == v) j++;
            best = Math.Max(best, Math.Abs((long)i * m - (long)j * n));
        }
        var d = (double)best / ((long)n * m);
        if (method == KolmogorovSmirnovMethod.Auto)
            method = (long)n * m <= 25_000_000 ? KolmogorovSmirnovMethod.Exact : KolmogorovSmirnovMethod.Asymptotic;
        double p = method == KolmogorovSmirnovMethod.Exact
            ? ExactPValue(n, m, best)
            : KolmogorovSurvival(Math.Sqrt((double)n * m / (n + m)) * d);
        return new TwoSampleTestResult(d, Math.Clamp(p, 0, 1));
    }

    /// <summary>P(D ≥ h/(nm)) under the null: one minus the share of monotone lattice paths from (0,0) to (n,m) staying strictly inside |i·m − j·n| &lt; h.</summary>
    internal static double ExactPValue(int n, int m, long h)
    {
        if (h == 0) return 1.0;
        // inside[j] = probability that a uniformly random path to (i, j) stays inside; paths to (i,j) come from
        // (i-1,j) with share i/(i+j) and from (i,j-1) with share j/(i+j).
        var prob = new double[m + 1];
        for (var i = 0; i <= n; i++)
            for (var j = 0; j <= m; j++)
            {
                if (Math.Abs((long)i * m - (long)j * n) >= h) { prob[j] = 0; continue; }
                if (i == 0 && j == 0) { prob[0] = 1; continue; }
                var fromLeft = i > 0 ? prob[j] * i : 0;          // prob[j] still holds row i-1
                var fromBelow = j > 0 ? prob[j - 1] * j : 0;
                prob[j] = (fromLeft + fromBelow) / (i + j);
            }
        return 1 - prob[m];
    }

    /// <summary>Kolmogorov's limiting survival function Q(z) = 2 Σ (−1)^(k−1) exp(−2k²z²) (scipy.special.kolmogorov).</summary>
    internal static double KolmogorovSurvival(double z)
    {
        if (z <= 0) return 1;
        if (z < 1.0)
        {
            // Small z: the dual series 1 − √(2π)/z Σ exp(−(2k−1)²π²/(8z²)) converges fast.
            double s = 0;
            for (var k = 1; k <= 20; k++) s += Math.Exp(-(2 * k - 1) * (2 * k - 1) * Math.PI * Math.PI / (8 * z * z));
            return 1 - Math.Sqrt(2 * Math.PI) / z * s;
        }
        double sum = 0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * z * z);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-300) break;
        }
        return 2 * sum;
    }
}
