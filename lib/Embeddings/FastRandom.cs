namespace MLPrimer.Embeddings;

/// <summary>A small, fast, seedable generator (SplitMix64); each training job gets its own, so runs are reproducible.</summary>
internal struct FastRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform 32-bit value, for comparisons against probability thresholds scaled to 2^32.</summary>
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    public static ulong Mix(params long[] parts)
    {
        var r = new FastRandom(0x5EED);
        ulong h = 0;
        foreach (var p in parts) { r._state ^= (ulong)p + h; h = r.NextUInt64(); }
        return h;
    }
}
