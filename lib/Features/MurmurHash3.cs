using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace MLPrimer.Features;

/// <summary>MurmurHash3 x86 32-bit, the hash behind scikit-learn's <c>murmurhash3_32</c> and <c>FeatureHasher</c>.</summary>
public static class MurmurHash3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>Signed 32-bit hash of <paramref name="data"/>; equals <c>sklearn.utils.murmurhash3_32(data, seed, positive=False)</c>.</summary>
    public static int Hash32(ReadOnlySpan<byte> data, uint seed = 0) => unchecked((int)Core(data, seed));

    /// <summary>Signed 32-bit hash of the UTF-8 bytes of <paramref name="key"/> (no Unicode normalisation), as scikit-learn hashes a str.</summary>
    public static int Hash32(string key, uint seed = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        return unchecked((int)HashUtf16(key.AsSpan(), seed, nameof(key)));
    }

    /// <summary>Signed 32-bit hash of the four little-endian bytes of <paramref name="key"/>, as scikit-learn hashes an int32.</summary>
    public static int Hash32(int key, uint seed = 0)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, key);
        return Hash32(bytes, seed);
    }

    /// <summary>Unsigned 32-bit hash of <paramref name="data"/>; equals <c>murmurhash3_32(data, seed, positive=True)</c>.</summary>
    public static uint Hash32Unsigned(ReadOnlySpan<byte> data, uint seed = 0) => Core(data, seed);

    /// <summary>Unsigned 32-bit hash of the UTF-8 bytes of <paramref name="key"/>; equals <c>murmurhash3_32(key, seed, positive=True)</c>.</summary>
    public static uint Hash32Unsigned(string key, uint seed = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        return HashUtf16(key.AsSpan(), seed, nameof(key));
    }

    /// <summary>Encodes UTF-16 text to UTF-8 in a stack or pooled buffer and hashes it; lone surrogates are rejected as Python does.</summary>
    internal static uint HashUtf16(ReadOnlySpan<char> text, uint seed, string paramName)
    {
        // UTF-8 needs at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
        int maxBytes = text.Length * 3;
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int n = EncodeUtf8(text, buffer, paramName);
            return Core(buffer[..n], seed);
        }
        finally
        {
            if (rented != null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the UTF-8 bytes of <paramref name="text"/> into <paramref name="destination"/>; returns the byte count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int EncodeUtf8(ReadOnlySpan<char> text, Span<byte> destination, string paramName)
    {
        // Short ASCII text (the usual feature name or category) is copied byte by byte: cheaper than the vectorised
        // transcoder's set-up cost. Anything else goes through Utf8.FromUtf16.
        if (text.Length <= 16 && text.Length <= destination.Length)
        {
            int i = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= 0x80) return i + EncodeUtf8Slow(text[i..], destination[i..], paramName);
                destination[i] = (byte)c;
            }
            return i;
        }
        return EncodeUtf8Slow(text, destination, paramName);
    }

    private static int EncodeUtf8Slow(ReadOnlySpan<char> text, Span<byte> destination, string paramName)
    {
        var status = Utf8.FromUtf16(text, destination, out _, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
            throw new ArgumentException(
                $"Text must be valid UTF-16 (no lone surrogates) so it can be encoded to UTF-8, as Python requires: \"{Escape(text)}\".",
                paramName);
        return written;
    }

    private static string Escape(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder();
        foreach (char c in text)
            sb.Append(char.IsSurrogate(c) || char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return sb.ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Core(ReadOnlySpan<byte> data, uint seed)
    {
        uint h = seed;
        int blocks = data.Length >> 2;
        ref byte start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(data);
        for (int i = 0; i < blocks; i++)
        {
            uint k = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i << 2));
            if (!BitConverter.IsLittleEndian) k = BinaryPrimitives.ReverseEndianness(k);
            h ^= MixKey(k);
            h = BitOperations.RotateLeft(h, 13);
            h = unchecked(h * 5 + 0xe6546b64);
        }

        int tail = blocks << 2;
        uint t = 0;
        switch (data.Length & 3)
        {
            case 3:
                t ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                t ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                t ^= data[tail];
                h ^= MixKey(t);
                break;
        }

        h ^= (uint)data.Length;
        return Finalize(h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixKey(uint k)
    {
        k = unchecked(k * C1);
        k = BitOperations.RotateLeft(k, 15);
        return unchecked(k * C2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Finalize(uint h)
    {
        h ^= h >> 16;
        h = unchecked(h * 0x85ebca6b);
        h ^= h >> 13;
        h = unchecked(h * 0xc2b2ae35);
        h ^= h >> 16;
        return h;
    }
}
