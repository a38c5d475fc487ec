using System.Globalization;
using System.Text;

namespace MLPrimer.Benchmarks.Baseline;

/// <summary>Monitoring counters of a <see cref="PredictionServer"/>: requests, errors and a latency histogram (thread-safe).</summary>
internal sealed class ServerMetrics
{
    /// <summary>Upper bounds (milliseconds) of the latency histogram's buckets; a last bucket catches everything slower.</summary>
    public static IReadOnlyList<double> BucketBoundsMs { get; } = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000];

    private readonly long[] _buckets = new long[BucketBoundsMs.Count + 1];
    private long _requests, _errors, _predictions;

    /// <summary>Requests answered (any path, any status).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests answered with a status of 400 or more.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Rows predicted by /predict.</summary>
    public long Predictions => Interlocked.Read(ref _predictions);

    /// <summary>Count per bucket (not cumulative), aligned with <see cref="BucketBoundsMs"/> plus the overflow bucket.</summary>
    public long[] LatencyBuckets()
    {
        // Read each array slot atomically (a lambda over the array would read a copy, non-atomically).
        var counts = new long[_buckets.Length];
        for (var i = 0; i < _buckets.Length; i++) counts[i] = Interlocked.Read(ref _buckets[i]);
        return counts;
    }

    internal void Record(int status, double latencyMs, int rows)
    {
        Interlocked.Increment(ref _requests);
        if (status >= 400) Interlocked.Increment(ref _errors);
        Interlocked.Add(ref _predictions, rows);
        int bucket = 0;
        while (bucket < BucketBoundsMs.Count && latencyMs > BucketBoundsMs[bucket]) bucket++;
        Interlocked.Increment(ref _buckets[bucket]);
    }

    /// <summary>The counters in Prometheus' text format (cumulative <c>_bucket{le=...}</c> lines), as served at /metrics.</summary>
    public string ToPrometheus()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"requests_total {Requests}\nerrors_total {Errors}\npredictions_total {Predictions}\n");
        long cumulative = 0;
        var counts = LatencyBuckets();
        for (int i = 0; i < counts.Length; i++)
        {
            cumulative += counts[i];
            string le = i < BucketBoundsMs.Count ? BucketBoundsMs[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
            text.Append(CultureInfo.InvariantCulture, $"latency_ms_bucket{{le=\"{le}\"}} {cumulative}\n");
        }
        return text.ToString();
    }
}
