namespace MLPrimer.Distributed;

/// <summary>Ring all-reduce (reduce-scatter, then all-gather) over K workers' buffers, simulated step by step in one process.</summary>
/// <remarks>Each buffer is cut into K contiguous chunks (the first <c>N % K</c> chunks one element longer). In reduce-scatter step
/// t (t = 0..K-2) worker i sends its running sum of chunk (i - t) mod K to worker i + 1, which adds it to its own; after K - 1
/// steps worker i holds the full sum of chunk (i + 1) mod K. In all-gather step t worker i sends the finished chunk
/// (i + 1 - t) mod K to worker i + 1, which copies it. All sends of a step happen "at once": a worker forwards what it held
/// before the step. Every worker sends 2(K - 1) chunks, about 2(K - 1)/K · N elements, whatever K is.</remarks>
public static class RingAllReduce
{
    /// <summary>Replaces every buffer with the element-wise sum of all buffers; returns the number of elements each worker sent.</summary>
    public static long[] SumInPlace(IReadOnlyList<float[]> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        if (buffers.Count == 0) throw new ArgumentException("buffers must hold at least one worker's buffer.", nameof(buffers));
        if (buffers.Any(b => b is null)) throw new ArgumentException("no buffer may be null.", nameof(buffers));
        int k = buffers.Count, n = buffers[0].Length;
        if (buffers.Any(b => b.Length != n))
            throw new ArgumentException($"all buffers must have the same length (the first has {n}).", nameof(buffers));
        var sent = new long[k];
        if (k == 1) return sent;
        var (start, length) = ChunkBounds(n, k);

        // Reduce-scatter: after K-1 steps worker i owns the total of chunk (i + 1) mod K.
        for (var t = 0; t < k - 1; t++)
        {
            var messages = new float[k][];
            for (var i = 0; i < k; i++)
            {
                var c = Mod(i - t, k);
                messages[i] = buffers[i].AsSpan(start[c], length[c]).ToArray();
                sent[i] += length[c];
            }
            for (var i = 0; i < k; i++)
            {
                int to = (i + 1) % k, c = Mod(i - t, k);
                var target = buffers[to].AsSpan(start[c], length[c]);
                for (var j = 0; j < target.Length; j++) target[j] += messages[i][j];
            }
        }

        // All-gather: pass the finished chunks once around the ring.
        for (var t = 0; t < k - 1; t++)
        {
            var messages = new float[k][];
            for (var i = 0; i < k; i++)
            {
                var c = Mod(i + 1 - t, k);
                messages[i] = buffers[i].AsSpan(start[c], length[c]).ToArray();
                sent[i] += length[c];
            }
            for (var i = 0; i < k; i++)
            {
                int to = (i + 1) % k, c = Mod(i + 1 - t, k);
                messages[i].CopyTo(buffers[to].AsSpan(start[c], length[c]));
            }
        }
        return sent;
    }

    /// <summary>Ring all-reduce of this process's <paramref name="buffer"/> with every MPI rank's (same chunks and steps as
    /// <see cref="SumInPlace"/>, one <see cref="Mpi.SendReceive"/> per step); returns the number of elements this rank sent.</summary>
    public static long SumAcrossRanks(float[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        int k = Mpi.Size, i = Mpi.Rank, n = buffer.Length;
        if (k == 1) return 0;
        var (start, length) = ChunkBounds(n, k);
        int right = (i + 1) % k, left = (i + k - 1) % k;
        var incoming = new float[length.Max()];
        long sent = 0;
        for (var t = 0; t < k - 1; t++)                        // reduce-scatter: add the left neighbour's running sum
        {
            int c = Mod(i - t, k), r = Mod(i - 1 - t, k);
            Mpi.SendReceive(buffer.AsSpan(start[c], length[c]), right, incoming.AsSpan(0, length[r]), left);
            var target = buffer.AsSpan(start[r], length[r]);
            for (var j = 0; j < target.Length; j++) target[j] += incoming[j];
            sent += length[c];
        }
        for (var t = 0; t < k - 1; t++)                        // all-gather: copy the finished chunk from the left
        {
            int c = Mod(i + 1 - t, k), r = Mod(i - t, k);
            Mpi.SendReceive(buffer.AsSpan(start[c], length[c]), right, incoming.AsSpan(0, length[r]), left);
            incoming.AsSpan(0, length[r]).CopyTo(buffer.AsSpan(start[r], length[r]));
            sent += length[c];
        }
        return sent;
    }

    /// <summary>The textbook count of elements one worker sends in a ring all-reduce of <paramref name="n"/> elements over <paramref name="workers"/> workers: 2(K - 1)/K · N.</summary>
    public static double ElementsSentPerWorker(long n, int workers)
    {
        if (n < 0) throw new ArgumentException($"n must not be negative (got {n}).", nameof(n));
        Guard.AtLeast(workers, 1, nameof(workers));
        return 2.0 * (workers - 1) / workers * n;
    }

    /// <summary>Start and length of each of the <paramref name="k"/> chunks of an <paramref name="n"/>-element buffer (the first n % k chunks one longer).</summary>
    internal static (int[] Start, int[] Length) ChunkBounds(int n, int k)
    {
        var start = new int[k];
        var length = new int[k];
        for (int c = 0, offset = 0; c < k; c++)
        {
            length[c] = n / k + (c < n % k ? 1 : 0);
            start[c] = offset;
            offset += length[c];
        }
        return (start, length);
    }

    private static int Mod(int a, int k) => ((a % k) + k) % k;
}
