using System.Numerics;
using System.Runtime.CompilerServices;

namespace MLPrimer.Evaluation;

/// <summary>Receives one point per distinct score, from the highest score down, with the cumulative counts at that threshold.</summary>
internal interface IThresholdSink<TKey>
{
    void Add(TKey key, long truePositives, long falsePositives);
}

/// <summary>
/// Scores of the positives and of the negatives, each sorted ascending, stored as order-preserving unsigned keys.
/// One buffer: positives in [0, Positives), negatives in [Positives, Positives + Negatives).
/// </summary>
internal readonly struct SortedScores<TKey> where TKey : unmanaged
{
    internal SortedScores(TKey[] buffer, int positives, int negatives)
    {
        Buffer = buffer;
        Positives = positives;
        Negatives = negatives;
    }

    internal TKey[] Buffer { get; }
    internal int Positives { get; }
    internal int Negatives { get; }
    internal ReadOnlySpan<TKey> PositiveKeys => Buffer.AsSpan(0, Positives);
    internal ReadOnlySpan<TKey> NegativeKeys => Buffer.AsSpan(Positives, Negatives);
}

/// <summary>
/// The engine behind the threshold metrics (ROC and PR curves, ROC AUC, average precision).
/// </summary>
/// <remarks>
/// <para><b>The plain algorithm</b> (scikit-learn's <c>_binary_clf_curve</c>; chapter 22 writes it out): sort the
/// (score, label) pairs by score, highest first, and walk down the list counting true positives (label 1) and false
/// positives (label 0); at the last pair of each run of equal scores, report (score, TP, FP). Every threshold metric is
/// a function of these points.</para>
/// <para><b>The fast version reports the same points in the same order:</b></para>
/// <list type="number">
/// <item><see cref="Prepare(ReadOnlySpan{int}, ReadOnlySpan{double})"/> turns each score into an unsigned integer key
/// whose order is the score's order (<see cref="Encode(double)"/>), so sorting keys sorts scores and equal scores
/// have equal keys. It puts the positives' keys at the front of one buffer and the negatives' at the back, and sorts
/// each half (<see cref="RadixSort{TKey}"/>). The label needs no storage: the half a key is in says what it is.</item>
/// <item><see cref="Sweep{TKey, TSink}"/> merges the two sorted halves from the top. Merging two sorted lists gives
/// the one sorted list, so the scores come in the plain walk's order; at each distinct score it takes every positive
/// and every negative equal to it, which is the plain walk's run of ties (inside a run the order of the labels never
/// mattered, since only the counts at its end are reported).</item>
/// </list>
/// <para><b>Why it is faster:</b> the radix sort makes a few linear passes (3 for float keys, 6 for double keys, fewer
/// when a digit never varies) instead of n log n comparisons; it moves 4- or 8-byte keys, not (score, label) pairs;
/// and each metric folds the points as they come (an <see cref="IThresholdSink{TKey}"/>), storing no curve it does not
/// return. The sinks and the key types are structs, so the JIT compiles one specialised loop per metric, with no
/// virtual call per point.</para>
/// </remarks>
internal static class ThresholdSweep
{
    // ---- Scores as sortable keys --------------------------------------------------------------------------------

    private const ulong DoubleSign = 0x8000_0000_0000_0000UL;
    private const uint FloatSign = 0x8000_0000U;

    /// <summary>Maps a finite double to a key whose unsigned order is the numeric order; -0.0 and +0.0 share a key.</summary>
    /// <remarks>IEEE bits of a non-negative number already sort like the number, so setting the sign bit lifts them
    /// above every negative; a negative number's bits sort backwards, so flipping all of them reverses that order.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Encode(double x)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(x + 0.0); // x + 0.0 turns -0.0 into +0.0
        return (bits & DoubleSign) == 0 ? bits | DoubleSign : ~bits;
    }

    /// <summary>Inverse of <see cref="Encode(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Decode(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & DoubleSign) != 0 ? key ^ DoubleSign : ~key);

    /// <summary>Maps a finite float to a key whose unsigned order is the numeric order; -0f and +0f share a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Encode(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x + 0f);
        return (bits & FloatSign) == 0 ? bits | FloatSign : ~bits;
    }

    /// <summary>Inverse of <see cref="Encode(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Decode(uint key) =>
        BitConverter.UInt32BitsToSingle((key & FloatSign) != 0 ? key ^ FloatSign : ~key);

    /// <summary>Turns a key back into the score it encodes, as a double.</summary>
    internal interface IKeyDecoder<TKey>
    {
        static abstract double Decode(TKey key);
    }

    /// <summary>Pairs a score type with its key type: the generic code below is compiled once per pair, with these calls inlined.</summary>
    internal interface IScoreKeys<TScore, TKey> : IKeyDecoder<TKey>
    {
        static abstract TKey Encode(TScore score);
    }

    /// <summary>Doubles as 64-bit keys.</summary>
    internal readonly struct DoubleKeys : IScoreKeys<double, ulong>
    {
        public static ulong Encode(double score) => ThresholdSweep.Encode(score);
        public static double Decode(ulong key) => ThresholdSweep.Decode(key);
    }

    /// <summary>Floats as 32-bit keys (decoded by widening exactly to double).</summary>
    internal readonly struct FloatKeys : IScoreKeys<float, uint>
    {
        public static uint Encode(float score) => ThresholdSweep.Encode(score);
        public static double Decode(uint key) => ThresholdSweep.Decode(key);
    }

    // ---- Prepare: check, split by label, sort ----------------------------------------------------------------

    /// <summary>Checks labels (0/1) and scores (finite), splits the encoded scores by label and sorts both halves.</summary>
    internal static SortedScores<ulong> Prepare(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yScore) =>
        Prepare<double, ulong, DoubleKeys>(yTrue, yScore);

    /// <summary>Float overload of <see cref="Prepare(ReadOnlySpan{int}, ReadOnlySpan{double})"/> with 32-bit keys.</summary>
    internal static SortedScores<uint> Prepare(ReadOnlySpan<int> yTrue, ReadOnlySpan<float> yScore) =>
        Prepare<float, uint, FloatKeys>(yTrue, yScore);

    private static SortedScores<TKey> Prepare<TScore, TKey, TKeys>(ReadOnlySpan<int> yTrue, ReadOnlySpan<TScore> yScore)
        where TScore : IFloatingPointIeee754<TScore>
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
        where TKeys : IScoreKeys<TScore, TKey>
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yScore.Length, nameof(yScore));
        var keys = GC.AllocateUninitializedArray<TKey>(yTrue.Length);
        int positives = SplitByLabel<TScore, TKey, TKeys>(yTrue, yScore, keys);
        SortBothHalves(keys, positives);
        return new SortedScores<TKey>(keys, positives, keys.Length - positives);
    }

    /// <summary>Writes the positives' keys to the front of <paramref name="keys"/> and the negatives' to the back; returns the number of positives.</summary>
    private static int SplitByLabel<TScore, TKey, TKeys>(ReadOnlySpan<int> yTrue, ReadOnlySpan<TScore> yScore, Span<TKey> keys)
        where TScore : IFloatingPointIeee754<TScore>
        where TKeys : IScoreKeys<TScore, TKey>
    {
        int front = 0, back = keys.Length;
        for (int i = 0; i < keys.Length; i++)
        {
            int y = yTrue[i];
            if ((uint)y > 1u) throw Guard.NotBinary(nameof(yTrue), y, i);
            TScore s = yScore[i];
            if (!TScore.IsFinite(s)) throw Guard.NotFinite(nameof(yScore), double.CreateTruncating(s), i);
            // A label of 1 takes the next front slot, a 0 the next back slot; the counters move without a branch.
            keys[y != 0 ? front : back - 1] = TKeys.Encode(s);
            front += y;
            back -= 1 - y;
        }
        return front;
    }

    private static void SortBothHalves<TKey>(TKey[] keys, int positives)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        int larger = Math.Max(positives, keys.Length - positives);
        TKey[] scratch = larger > SmallSort ? GC.AllocateUninitializedArray<TKey>(larger) : [];
        RadixSort(keys.AsSpan(0, positives), scratch);
        RadixSort(keys.AsSpan(positives), scratch);
    }

    // ---- Radix sort --------------------------------------------------------------------------------------------

    private const int SmallSort = 512;
    private const int DigitBits = 11;
    private const int Radix = 1 << DigitBits;
    private const int DigitMask = Radix - 1;

    /// <summary>Sorts unsigned keys ascending: a least-significant-digit radix sort with 11-bit digits.</summary>
    /// <remarks>
    /// The plain idea: stable-sort the keys by their lowest digit, then by the next one, and so on up to the highest.
    /// After the pass on digit d the keys are in order of their lowest d + 1 digits, because a stable pass keeps the
    /// order it was given among keys that share digit d; after the last pass they are in order. Each pass is a counting
    /// sort: the histogram of the digit gives each digit value its first slot, then every key, in input order, goes
    /// to the next free slot of its digit (input order is what makes it stable). One read of the keys builds every
    /// pass's histogram, and a pass is skipped when all keys have the same digit, since it would copy them unchanged
    /// (scores in [0, 1] share their highest bits). Up to 512 keys, <see cref="MemoryExtensions.Sort{T}(Span{T})"/> is faster.
    /// </remarks>
    internal static void RadixSort<TKey>(Span<TKey> keys, Span<TKey> scratch)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        int n = keys.Length;
        if (n <= SmallSort)
        {
            keys.Sort();
            return;
        }
        if (scratch.Length < n) throw new ArgumentException("Scratch buffer is shorter than the keys.", nameof(scratch));

        int passes = (Unsafe.SizeOf<TKey>() * 8 + DigitBits - 1) / DigitBits;
        int[] histograms = CountDigits<TKey>(keys, passes);
        Span<TKey> source = keys, target = scratch[..n];
        for (int pass = 0; pass < passes; pass++)
        {
            Span<int> slots = histograms.AsSpan(pass * Radix, Radix);
            if (slots[Digit(source[0], pass)] == n) continue; // every key has this digit
            CountsToFirstSlots(slots);
            MoveByDigit<TKey>(source, target, slots, pass);
            Span<TKey> moved = target;
            target = source;
            source = moved;
        }
        if (source != keys) source.CopyTo(keys);
    }

    /// <summary>Histograms of every digit position, back to back: entry [pass · Radix + d] counts the keys whose digit <c>pass</c> is d.</summary>
    private static int[] CountDigits<TKey>(ReadOnlySpan<TKey> keys, int passes) where TKey : IBinaryInteger<TKey>
    {
        var histograms = new int[passes * Radix];
        foreach (TKey key in keys)
            for (int pass = 0; pass < passes; pass++)
                histograms[pass * Radix + Digit(key, pass)]++;
        return histograms;
    }

    /// <summary>Replaces each count by the number of keys with a smaller digit (an exclusive prefix sum): the first slot of that digit.</summary>
    private static void CountsToFirstSlots(Span<int> counts)
    {
        int sum = 0;
        for (int d = 0; d < counts.Length; d++)
        {
            int count = counts[d];
            counts[d] = sum;
            sum += count;
        }
    }

    /// <summary>One counting-sort pass: copies each key, in input order, to the next free slot of its digit.</summary>
    private static void MoveByDigit<TKey>(ReadOnlySpan<TKey> source, Span<TKey> target, Span<int> nextSlot, int pass)
        where TKey : IBinaryInteger<TKey>
    {
        foreach (TKey key in source)
            target[nextSlot[Digit(key, pass)]++] = key;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit<TKey>(TKey key, int pass) where TKey : IBinaryInteger<TKey> =>
        int.CreateTruncating(key >> (pass * DigitBits)) & DigitMask;

    // ---- The sweep ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Walks the distinct scores from the highest down, merging the sorted positive and negative keys, and reports
    /// (score, cumulative true positives, cumulative false positives) at each one: the points of scikit-learn's
    /// _binary_clf_curve.
    /// </summary>
    internal static void Sweep<TKey, TSink>(in SortedScores<TKey> scores, ref TSink sink)
        where TKey : unmanaged, IBinaryInteger<TKey>
        where TSink : struct, IThresholdSink<TKey>
    {
        ReadOnlySpan<TKey> positives = scores.PositiveKeys, negatives = scores.NegativeKeys;
        // Both halves are ascending: the unvisited keys are positives[..p] and negatives[..q], the highest at the end.
        int p = positives.Length, q = negatives.Length;
        long truePositives = 0, falsePositives = 0;
        while (p > 0 || q > 0)
        {
            TKey threshold = p == 0 ? negatives[q - 1]
                           : q == 0 ? positives[p - 1]
                           : TKey.Max(positives[p - 1], negatives[q - 1]);
            int pBelow = StartOfTies(positives, p, threshold), qBelow = StartOfTies(negatives, q, threshold);
            truePositives += p - pBelow;
            falsePositives += q - qBelow;
            p = pBelow;
            q = qBelow;
            sink.Add(threshold, truePositives, falsePositives);
        }
    }

    /// <summary>Where the run of keys equal to <paramref name="threshold"/> that ends at keys[end - 1] starts (<paramref name="end"/> itself when there is none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StartOfTies<TKey>(ReadOnlySpan<TKey> keys, int end, TKey threshold) where TKey : IBinaryInteger<TKey>
    {
        while (end > 0 && keys[end - 1] == threshold) end--;
        return end;
    }

    /// <summary>Number of distinct scores.</summary>
    internal static int CountDistinct<TKey>(in SortedScores<TKey> scores)
        where TKey : unmanaged, IBinaryInteger<TKey>
    {
        var counter = new CountSink<TKey>();
        Sweep(scores, ref counter);
        return counter.Count;
    }

    // ---- Sinks: what the metrics fold from the points --------------------------------------------------------------

    /// <summary>Counts distinct scores.</summary>
    internal struct CountSink<TKey> : IThresholdSink<TKey>
    {
        internal int Count;
        public void Add(TKey key, long truePositives, long falsePositives) => Count++;
    }

    /// <summary>Twice the area under the ROC staircase in count units: sum of dFP * (TP + TP_prev); exact in integers.</summary>
    internal struct RocAreaSink<TKey> : IThresholdSink<TKey>
    {
        internal long TwiceArea;
        private long _tp, _fp;

        public void Add(TKey key, long truePositives, long falsePositives)
        {
            TwiceArea += (falsePositives - _fp) * (truePositives + _tp);
            _tp = truePositives;
            _fp = falsePositives;
        }
    }

    /// <summary>Sum over thresholds of (TP - TP_prev) * precision; divided by the positive count it is the average precision.</summary>
    internal struct AveragePrecisionSink<TKey> : IThresholdSink<TKey>
    {
        internal double Sum;
        private long _tp;

        public void Add(TKey key, long truePositives, long falsePositives)
        {
            if (truePositives != _tp)
                Sum += (truePositives - _tp) * ((double)truePositives / (truePositives + falsePositives));
            _tp = truePositives;
        }
    }
}
