namespace MLPrimer.Sampling;

/// <summary>Uniform sample of k items from a stream of unknown length (Vitter's Algorithm R): every item seen so far is kept with probability k/n.</summary>
/// <remarks>The first k items fill the reservoir; item number i (1-based, i &gt; k) replaces a random slot with probability k/i.</remarks>
public sealed class ReservoirSampler<T>
{
    private readonly List<T> _reservoir;
    private readonly Random _rng;

    /// <summary>A reservoir of <paramref name="k"/> slots; <paramref name="seed"/> fixes the draws.</summary>
    public ReservoirSampler(int k, int? seed = null)
    {
        if (k <= 0) throw new ArgumentException($"k must be positive (got {k}): the reservoir needs at least one slot.", nameof(k));
        K = k;
        _reservoir = new List<T>(k);
        _rng = seed is int s ? new Random(s) : new Random();
    }

    /// <summary>The reservoir size.</summary>
    public int K { get; }

    /// <summary>How many items the stream has delivered so far.</summary>
    public long Seen { get; private set; }

    /// <summary>The current sample (at most k items, in slot order).</summary>
    public IReadOnlyList<T> Sample => _reservoir;

    /// <summary>Offers the next stream item to the reservoir.</summary>
    public void Add(T item)
    {
        Seen++;
        if (_reservoir.Count < K) { _reservoir.Add(item); return; }
        var j = _rng.NextInt64(Seen);          // uniform in 0 .. Seen-1
        if (j < K) _reservoir[(int)j] = item;
    }

    /// <summary>Offers every item of <paramref name="items"/> in order.</summary>
    public void AddRange(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items) Add(item);
    }

    /// <summary>Samples <paramref name="k"/> items uniformly from <paramref name="stream"/> in one pass.</summary>
    public static IReadOnlyList<T> SampleFrom(IEnumerable<T> stream, int k, int? seed = null)
    {
        var sampler = new ReservoirSampler<T>(k, seed);
        sampler.AddRange(stream);
        return sampler.Sample;
    }
}
