using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
/// The engine behind the threshold metrics (ROC, PR, AUC, AP): encode scores as sortable integer keys, split them by
/// label, radix-sort each half once, then merge the two halves from the top in a single sweep.
/// </summary>
internal static class ThresholdSweep
{
    private const ulong DoubleSign = 0x8000_0000_0000_0000UL;
    private const uint FloatSign = 0x8000_0000U;

    /// <summary>Maps a finite double to a key whose unsigned order is the numeric order; -0.0 and +0.0 share a key.</summary>
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

    /// <summary>Checks labels (0/1) and scores (finite), splits the encoded scores by label and sorts both halves.</summary>
    internal static SortedScores<ulong> Prepare(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yScore)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yScore.Length, nameof(yScore));
        int n = yTrue.Length;
        var buffer = GC.AllocateUninitializedArray<ulong>(n);
        int front = 0, back = n;
        for (int i = 0; i < n; i++)
        {
            int y = yTrue[i];
            if ((uint)y > 1u) throw Guard.NotBinary(nameof(yTrue), y, i);
            double s = yScore[i];
            if (!double.IsFinite(s)) throw Guard.NotFinite(nameof(yScore), s, i);
            // Positives fill from the front, negatives from the back; no branch on the label.
            int slot = y != 0 ? front : back - 1;
            buffer[slot] = Encode(s);
            front += y;
            back -= 1 - y;
        }
        SortHalves(buffer, front);
        return new SortedScores<ulong>(buffer, front, n - front);
    }

    /// <summary>Float overload of <see cref="Prepare(ReadOnlySpan{int}, ReadOnlySpan{double})"/> with 32-bit keys.</summary>
    internal static SortedScores<uint> Prepare(ReadOnlySpan<int> yTrue, ReadOnlySpan<float> yScore)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yScore.Length, nameof(yScore));
        int n = yTrue.Length;
        var buffer = GC.AllocateUninitializedArray<uint>(n);
        int front = 0, back = n;
        for (int i = 0; i < n; i++)
        {
            int y = yTrue[i];
            if ((uint)y > 1u) throw Guard.NotBinary(nameof(yTrue), y, i);
            float s = yScore[i];
            if (!float.IsFinite(s)) throw Guard.NotFinite(nameof(yScore), s, i);
            int slot = y != 0 ? front : back - 1;
            buffer[slot] = Encode(s);
            front += y;
            back -= 1 - y;
        }
        SortHalves(buffer, front);
        return new SortedScores<uint>(buffer, front, n - front);
    }

    private static void SortHalves<TKey>(TKey[] buffer, int positives)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        int negatives = buffer.Length - positives;
        int largest = Math.Max(positives, negatives);
        TKey[] scratch = largest > SmallSort ? GC.AllocateUninitializedArray<TKey>(largest) : [];
        RadixSort(buffer.AsSpan(0, positives), scratch);
        RadixSort(buffer.AsSpan(positives), scratch);
    }

    private const int SmallSort = 512;
    private const int DigitBits = 11;
    private const int Radix = 1 << DigitBits;
    private const int DigitMask = Radix - 1;

    /// <summary>
    /// Ascending LSD radix sort with 11-bit digits; one counting pass builds every histogram, and passes whose digit is
    /// the same for all keys are skipped (common for scores in [0, 1], whose high exponent bits rarely vary).
    /// </summary>
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
        var counts = new int[passes * Radix];
        ref TKey k0 = ref MemoryMarshal.GetReference(keys);
        for (int i = 0; i < n; i++)
        {
            TKey key = Unsafe.Add(ref k0, i);
            for (int p = 0; p < passes; p++)
                counts[p * Radix + Digit(key, p)]++;
        }

        Span<TKey> src = keys, dst = scratch[..n];
        for (int p = 0; p < passes; p++)
        {
            Span<int> offsets = counts.AsSpan(p * Radix, Radix);
            if (offsets[Digit(src[0], p)] == n) continue; // every key has this digit: the pass would not move anything
            int sum = 0;
            for (int b = 0; b < Radix; b++)
            {
                int c = offsets[b];
                offsets[b] = sum;
                sum += c;
            }
            ref TKey s0 = ref MemoryMarshal.GetReference(src);
            ref TKey d0 = ref MemoryMarshal.GetReference(dst);
            ref int o0 = ref MemoryMarshal.GetReference(offsets);
            for (int i = 0; i < n; i++)
            {
                TKey key = Unsafe.Add(ref s0, i);
                ref int slot = ref Unsafe.Add(ref o0, Digit(key, p));
                Unsafe.Add(ref d0, slot) = key;
                slot++;
            }
            Span<TKey> t = src;
            src = dst;
            dst = t;
        }
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(keys)))
            src.CopyTo(keys);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit<TKey>(TKey key, int pass) where TKey : unmanaged, IBinaryInteger<TKey> =>
        int.CreateTruncating(key >> (pass * DigitBits)) & DigitMask;

    /// <summary>
    /// Walks the distinct scores from the highest down, merging the sorted positive and negative keys, and reports
    /// (score, cumulative true positives, cumulative false positives) at each one: the points of scikit-learn's
    /// _binary_clf_curve.
    /// </summary>
    internal static void Sweep<TKey, TSink>(in SortedScores<TKey> scores, ref TSink sink)
        where TKey : unmanaged, IBinaryInteger<TKey>
        where TSink : struct, IThresholdSink<TKey>
    {
        ReadOnlySpan<TKey> pos = scores.PositiveKeys, neg = scores.NegativeKeys;
        int i = pos.Length - 1, j = neg.Length - 1;
        long tp = 0, fp = 0;
        while (i >= 0 && j >= 0)
        {
            TKey a = pos[i], b = neg[j];
            TKey v = a > b ? a : b;
            while (i >= 0 && pos[i] == v) { tp++; i--; }
            while (j >= 0 && neg[j] == v) { fp++; j--; }
            sink.Add(v, tp, fp);
        }
        while (i >= 0)
        {
            TKey v = pos[i];
            while (i >= 0 && pos[i] == v) { tp++; i--; }
            sink.Add(v, tp, fp);
        }
        while (j >= 0)
        {
            TKey v = neg[j];
            while (j >= 0 && neg[j] == v) { fp++; j--; }
            sink.Add(v, tp, fp);
        }
    }

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

    /// <summary>Turns a key back into the score it encodes.</summary>
    internal interface IKeyDecoder<TKey>
    {
        double Decode(TKey key);
    }

    /// <summary>Decoder for keys made from doubles.</summary>
    internal readonly struct DoubleKeys : IKeyDecoder<ulong>
    {
        public double Decode(ulong key) => ThresholdSweep.Decode(key);
    }

    /// <summary>Decoder for keys made from floats (widened exactly to double).</summary>
    internal readonly struct FloatKeys : IKeyDecoder<uint>
    {
        public double Decode(uint key) => ThresholdSweep.Decode(key);
    }

    /// <summary>Number of distinct scores.</summary>
    internal static int CountDistinct<TKey>(in SortedScores<TKey> scores)
        where TKey : unmanaged, IBinaryInteger<TKey>
    {
        var counter = new CountSink<TKey>();
        Sweep(scores, ref counter);
        return counter.Count;
    }
}
