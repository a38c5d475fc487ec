using System.Diagnostics;
using MLPrimer.Exploration;

namespace MLPrimer;

/// <summary>Wall-clock timing for the chapters' speed comparisons (IPython's <c>%timeit</c>, reduced to a median).</summary>
public static class Timing
{
    /// <summary>
    /// Calls <paramref name="action"/> once to warm up (JIT, caches), then <paramref name="repeats"/> times under a
    /// stopwatch, and returns the median of those calls in milliseconds (the mean of the middle two for an even count).
    /// </summary>
    public static double MedianMs(Action action, int repeats = 5)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (repeats < 1)
            throw new ArgumentOutOfRangeException(nameof(repeats), repeats, $"repeats must be at least 1 (got {repeats}).");
        action();
        var ms = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            ms[i] = watch.Elapsed.TotalMilliseconds;
        }
        return Quantiles.Median(ms);
    }
}
