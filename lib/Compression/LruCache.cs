namespace MLPrimer.Compression;

/// <summary>A least-recently-used cache of fixed capacity (like Python's <c>functools.lru_cache</c>): a hit moves the entry to the front, a miss on a full cache evicts the entry used longest ago.</summary>
public sealed class LruCache<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map;
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();   // most recent first

    /// <summary>Creates an empty cache holding at most <paramref name="capacity"/> entries.</summary>
    public LruCache(int capacity)
    {
        if (capacity <= 0) throw new ArgumentException($"capacity must be > 0 (got {capacity}).", nameof(capacity));
        Capacity = capacity;
        _map = new Dictionary<TKey, LinkedListNode<(TKey, TValue)>>(capacity);
    }

    /// <summary>Maximum number of entries.</summary>
    public int Capacity { get; }

    /// <summary>Entries now held.</summary>
    public int Count => _map.Count;

    /// <summary>Lookups that found their key.</summary>
    public long Hits { get; private set; }

    /// <summary>Lookups that did not.</summary>
    public long Misses { get; private set; }

    /// <summary>Hits / (hits + misses), 0 before the first lookup.</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    /// <summary>Keys from most to least recently used (the next eviction is the last).</summary>
    public IEnumerable<TKey> Keys => _order.Select(e => e.Key);

    /// <summary>Looks a key up, counting a hit or a miss; a hit makes the key the most recently used.</summary>
    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            Hits++;
            value = node.Value.Value;
            return true;
        }
        Misses++;
        value = default!;
        return false;
    }

    /// <summary>Adds or replaces an entry as the most recently used, evicting the least recently used one when full.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_map.TryGetValue(key, out var node)) _order.Remove(node);
        else if (_map.Count == Capacity)
        {
            _map.Remove(_order.Last!.Value.Key);
            _order.RemoveLast();
        }
        _map[key] = _order.AddFirst((key, value));
    }

    /// <summary>Returns the cached value, or computes it with <paramref name="compute"/>, stores it and returns it.</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (TryGetValue(key, out var value)) return value;
        value = compute(key);
        Set(key, value);
        return value;
    }
}
