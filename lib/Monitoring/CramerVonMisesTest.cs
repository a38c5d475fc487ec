namespace MLPrimer.Monitoring;

/// <summary>Two-sample Cramér–von Mises test (scipy.stats.cramervonmises_2samp, method='asymptotic'): the integrated squared gap between the two empirical CDFs.</summary>
public static class CramerVonMisesTest
{
    /// <summary>The statistic T (Anderson 1962, ties by mid-ranks) and its asymptotic p-value from the limiting Cramér–von Mises distribution of the normalised statistic.</summary>
    public static TwoSampleTestResult TwoSample(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Guard.Sample(x, nameof(x), 2);
        Guard.Sample(y, nameof(y), 2);
        int nx = x.Length, ny = y.Length, total = nx + ny;
        var pooled = new (double Value, int Sample)[total];
        for (var i = 0; i < nx; i++) pooled[i] = (x[i], 0);
        for (var i = 0; i < ny; i++) pooled[nx + i] = (y[i], 1);
        Array.Sort(pooled, (p, q) => p.Value.CompareTo(q.Value));
        // Mid-ranks of the pooled sample; within each sample the values are visited in sorted order.
        double u0 = 0, u1 = 0; int seenX = 0, seenY = 0;
        for (var start = 0; start < total;)
        {
            var end = start;
            while (end < total && pooled[end].Value == pooled[start].Value) end++;
            var rank = (start + 1 + end) / 2.0;                       // average of ranks start+1..end
            for (var k = start; k < end; k++)
                if (pooled[k].Sample == 0) { seenX++; u0 += (rank - seenX) * (rank - seenX); }
                else { seenY++; u1 += (rank - seenY) * (rank - seenY); }
            start = end;
        }
        double u = nx * u0 + ny * u1;
        double k2 = (double)nx * ny, n = total;
        var t = u / (k2 * n) - (4 * k2 - 1) / (6 * n);
        var et = (1 + 1 / n) / 6;
        var vt = (n + 1) * (4 * k2 * n - 3 * ((double)nx * nx + (double)ny * ny) - 2 * k2) / (45 * n * n * 4 * k2);
        var tn = 1.0 / 6 + (t - et) / Math.Sqrt(45 * vt);
        var p = tn < 0.003 ? 1.0 : Math.Max(0, 1 - LimitingCdf(tn));
        return new TwoSampleTestResult(t, p);
    }

    /// <summary>CDF of the limiting one-sample Cramér–von Mises distribution (Csörgő and Faraway 1996, eq. 1.3).</summary>
    internal static double LimitingCdf(double x)
    {
        double total = 0;
        for (var k = 0; k < 200; k++)
        {
            var u = Math.Exp(MathNet.Numerics.SpecialFunctions.GammaLn(k + 0.5) - MathNet.Numerics.SpecialFunctions.GammaLn(k + 1)) / (Math.Pow(Math.PI, 1.5) * Math.Sqrt(x));
            double y = 4 * k + 1, q = y * y / (16 * x);
            var term = u * Math.Sqrt(y) * Math.Exp(-q) * BesselKQuarter(q);
            total += term;
            if (Math.Abs(term) < 1e-12) break;
        }
        return total;
    }

    /// <summary>Modified Bessel function K_{1/4}(q) by the integral ∫₀^∞ exp(−q cosh t) cosh(t/4) dt (trapezoid; the integrand decays double-exponentially).</summary>
    internal static double BesselKQuarter(double q)
    {
        const double step = 1.0 / 128;
        double sum = 0.5 * Math.Exp(-q);
        for (var i = 1; i < 128 * 40; i++)
        {
            var t = i * step;
            var term = Math.Exp(-q * Math.Cosh(t)) * Math.Cosh(t / 4);
            sum += term;
            if (term < 1e-300 * (1 + sum) || (t > 2 && term < 1e-18 * sum)) break;
        }
        return sum * step;
    }
}
