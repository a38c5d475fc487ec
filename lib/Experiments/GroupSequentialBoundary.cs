using MathNet.Numerics.Distributions;

namespace MLPrimer.Experiments;

/// <summary>Critical |z| values for a test that looks at the data several times (group-sequential design with equally spaced looks).</summary>
/// <remarks>Stopping at the first look whose |z| crosses its boundary keeps the overall false-positive rate at alpha. The constant
/// is found by bisection; the chance of crossing is computed with the recursive numerical integration of Armitage, McPherson and
/// Rowe (1969) over the running sum of the standardised increments, on a grid of step about 0.04.</remarks>
public static class GroupSequentialBoundary
{
    private const double Step = 0.04;

    // The integration costs about looks × (grid points)², and the grid grows with sqrt(looks): past a few dozen looks a
    // call takes minutes. Designs with more looks than this are continuous monitoring, which needs other boundaries.
    private const int MaxLooks = 50;

    // A |z| boundary beyond this is never crossed (P(|Z| > 40) is below 1e-300); larger ones would only widen the grid.
    private const double MaxBoundary = 40;

    /// <summary>Pocock's boundary: the same |z| threshold at every one of the <paramref name="looks"/> looks.</summary>
    public static double[] Pocock(int looks, double alpha = 0.05) =>
        Solve(looks, alpha, (c, k) => c);

    /// <summary>O'Brien–Fleming's boundary: |z| threshold c·sqrt(looks / k) at look k, very strict early and close to the fixed-sample value at the end.</summary>
    public static double[] OBrienFleming(int looks, double alpha = 0.05) =>
        Solve(looks, alpha, (c, k) => c * Math.Sqrt((double)looks / k));

    /// <summary>The probability that a two-sided test with these |z| boundaries (one per equally spaced look) ever rejects when there is no effect.</summary>
    public static double CrossingProbability(IReadOnlyList<double> boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        Guard.NotEmpty(boundaries.Count, nameof(boundaries));
        if (boundaries.Any(b => !(b > 0) || !double.IsFinite(b))) throw new ArgumentException("Every boundary must be positive and finite.", nameof(boundaries));
        if (boundaries.Count > MaxLooks)
            throw new ArgumentException($"boundaries holds {boundaries.Count} looks; at most {MaxLooks} are supported (the integration grows with the square of the looks).", nameof(boundaries));
        if (boundaries.Any(b => b > MaxBoundary))
            throw new ArgumentException($"Every boundary must be at most {MaxBoundary} (a larger |z| is never crossed); got {boundaries.Max()}.", nameof(boundaries));
        return Crossing(boundaries.ToArray());
    }

    private static double[] Solve(int looks, double alpha, Func<double, int, double> shape)
    {
        if (looks < 1 || looks > MaxLooks)
            throw new ArgumentException($"looks must lie between 1 and {MaxLooks} (got {looks}); more looks is continuous monitoring, which needs other boundaries.", nameof(looks));
        Guard.OpenUnitInterval(alpha, nameof(alpha));
        double[] Bounds(double c) => Enumerable.Range(1, looks).Select(k => shape(c, k)).ToArray();
        double lo = 0.5, hi = 8;
        for (var i = 0; i < 40; i++)
        {
            double mid = (lo + hi) / 2;
            if (Crossing(Bounds(mid)) > alpha) lo = mid; else hi = mid;
        }
        return Bounds((lo + hi) / 2);
    }

    // Running sum S_k of k standard-normal increments; Z_k = S_k / sqrt(k). The density of S_k on the paths that have not crossed
    // yet lives on (−B_k, B_k), B_k = b_k·sqrt(k); each look gets its own midpoint grid of spacing about Step over that interval.
    private static double Crossing(double[] zBounds)
    {
        int looks = zBounds.Length;
        double[] Grid(int k, out double h)
        {
            double b = zBounds[k] * Math.Sqrt(k + 1);
            int n = Math.Max(2, (int)Math.Ceiling(2 * b / Step));
            h = 2 * b / n;
            var hh = h;
            return Enumerable.Range(0, n).Select(j => -b + (j + 0.5) * hh).ToArray();
        }

        double total = 2 * Normal.CDF(0, 1, -zBounds[0]);
        var points = Grid(0, out var step);
        var density = points.Select(s => Normal.PDF(0, 1, s) * step).ToArray();   // probability mass per grid cell
        for (var k = 1; k < looks; k++)
        {
            double bound = zBounds[k] * Math.Sqrt(k + 1);
            for (var j = 0; j < points.Length; j++)
                total += density[j] * (Normal.CDF(0, 1, -bound - points[j]) + Normal.CDF(0, 1, points[j] - bound));
            if (k == looks - 1) break;
            var next = Grid(k, out var h);
            var mass = new double[next.Length];
            for (var i = 0; i < next.Length; i++)
            {
                double sum = 0;
                for (var j = 0; j < points.Length; j++)
                {
                    double d = next[i] - points[j];
                    sum += density[j] * Math.Exp(-0.5 * d * d);
                }
                mass[i] = sum * h / Math.Sqrt(2 * Math.PI);
            }
            (points, density) = (next, mass);
        }
        return total;
    }
}
