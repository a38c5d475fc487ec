namespace MLPrimer.Embeddings;

/// <summary>Draws word indices from a discrete distribution in O(1) with Vose's alias method (used for negative sampling).</summary>
internal sealed class NoiseSampler
{
    private readonly uint[] _threshold;
    private readonly int[] _alias;

    public NoiseSampler(IReadOnlyList<double> probabilities)
    {
        var n = probabilities.Count;
        if (n == 0) throw new ArgumentException("probabilities must not be empty.", nameof(probabilities));
        var total = probabilities.Sum();
        var scaled = probabilities.Select(p => p / total * n).ToArray();
        _threshold = new uint[n];
        _alias = new int[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = n - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            _threshold[s] = ToThreshold(scaled[s]);
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }
        // What is left has probability 1 up to rounding.
        foreach (var i in small.Concat(large)) { _threshold[i] = uint.MaxValue; _alias[i] = i; }
    }

    public int Count => _threshold.Length;

    private static uint ToThreshold(double p) => p >= 1 ? uint.MaxValue : (uint)(p * 4294967296.0);

    /// <summary>One draw, using the 64 random bits in <paramref name="bits"/>: the low half picks a column, the high half the coin.</summary>
    public int Sample(ulong bits)
    {
        var column = (int)(((bits & 0xFFFFFFFFUL) * (ulong)_threshold.Length) >> 32);
        return (uint)(bits >> 32) < _threshold[column] ? column : _alias[column];
    }
}
