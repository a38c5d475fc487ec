namespace MLPrimer.Sampling;

/// <summary>Weighted sample of k items without replacement from a stream (Efraimidis–Spirakis A-Res): item i gets key u^(1/w_i) and the k largest keys win.</summary>
/// <remarks>With k = 1 item i is chosen with probability w_i / Σw. Zero-weight items are never chosen.</remarks>
public sealed class WeightedReservoirSampler<T>
{
    private readonly PriorityQueue<T, double> _heap = new();   // min-heap on key: the root is the weakest item kept
    private readonly Random _rng;

    /// <summary>A reservoir of <paramref name="k"/> slots; <paramref name="seed"/> fixes the draws.</summary>
    public WeightedReservoirSampler(int k, int? seed = null)
    {
        if (k <= 0) throw new ArgumentException($"k must be positive (got {k}): the reservoir needs at least one slot.", nameof(k));
        K = k;
        _rng = seed is int s ? new Random(s) : new Random();
    }

    /// <summary>The reservoir size.</summary>
    public int K { get; }

    /// <summary>The current sample (at most k items, no particular order).</summary>
    public IReadOnlyList<T> Sample => _heap.UnorderedItems.Select(e => e.Element).ToList();

    /// <summary>Offers the next stream item with a non-negative, finite <paramref name="weight"/>.</summary>
    public void Add(T item, double weight)
    {
        if (!(weight >= 0) || double.IsInfinity(weight))
            throw new ArgumentException($"weight must be a finite number ≥ 0 (got {weight}).", nameof(weight));
        if (weight == 0) return;
        // log(u)/w is a monotone transform of u^(1/w), which underflows for small weights.
        var key = Math.Log(1 - _rng.NextDouble()) / weight;
        if (_heap.Count < K) _heap.Enqueue(item, key);
        else if (_heap.TryPeek(out _, out var weakest) && key > weakest) _heap.EnqueueDequeue(item, key);
    }

    /// <summary>Samples <paramref name="k"/> items of <paramref name="stream"/> without replacement, each with probability proportional to its weight.</summary>
    public static IReadOnlyList<T> SampleFrom(IEnumerable<(T Item, double Weight)> stream, int k, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var sampler = new WeightedReservoirSampler<T>(k, seed);
        foreach (var (item, weight) in stream) sampler.Add(item, weight);
        return sampler.Sample;
    }
}
