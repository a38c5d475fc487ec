using System.Text;
using MLPrimer.Features;
using Xunit;

namespace MLPrimer.Tests.Features;

public class MurmurHash3Tests
{
    [Fact]
    public void Hash32_MatchesSklearnMurmurhash3_32_ForEveryReferenceKeyAndSeed()
    {
        // Reference: sklearn.utils.murmurhash3_32(key, seed, positive=False/True), see reference/make_reference.py.
        var entries = Reference.Load("hashing_reference.json").GetProperty("murmurhash3_32").EnumerateArray().ToList();
        Assert.True(entries.Count > 800);
        foreach (var e in entries)
        {
            string key = e.GetProperty("key").GetString()!;
            uint seed = e.GetProperty("seed").GetUInt32();
            int expected = e.GetProperty("hash").GetInt32();
            uint expectedPositive = e.GetProperty("hash_positive").GetUInt32();
            Assert.Equal(expected, MurmurHash3.Hash32(key, seed));
            Assert.Equal(expected, MurmurHash3.Hash32(Encoding.UTF8.GetBytes(key), seed));
            Assert.Equal(expectedPositive, MurmurHash3.Hash32Unsigned(key, seed));
            Assert.Equal(expectedPositive, MurmurHash3.Hash32Unsigned(Encoding.UTF8.GetBytes(key), seed));
        }
    }

    [Fact]
    public void Hash32_OfInt_MatchesSklearnOnInt32Keys()
    {
        foreach (var e in Reference.Load("hashing_reference.json").GetProperty("murmurhash3_32_int").EnumerateArray())
            Assert.Equal(e.GetProperty("hash").GetInt32(), MurmurHash3.Hash32(e.GetProperty("key").GetInt32(), e.GetProperty("seed").GetUInt32()));
    }

    [Fact]
    public void Hash32_OfEmptyInput_WithSeedZero_IsZero()
    {
        // MurmurHash3 of no bytes with seed 0: h = 0, h ^= 0 (length), fmix(0) = 0.
        Assert.Equal(0, MurmurHash3.Hash32(ReadOnlySpan<byte>.Empty));
        Assert.Equal(0, MurmurHash3.Hash32(""));
    }

    [Fact]
    public void Hash32_KnownIntMinKeys_HashToIntMin()
    {
        foreach (var key in Reference.Load("hashing_reference.json").GetProperty("int_min_keys").EnumerateArray())
            Assert.Equal(int.MinValue, MurmurHash3.Hash32(key.GetString()!));
    }

    [Fact]
    public void Hash32_LoneSurrogate_IsRejectedLikePythonsUtf8Encoder()
    {
        var ex = Assert.Throws<ArgumentException>(() => MurmurHash3.Hash32("a\ud800b"));
        Assert.Equal("key", ex.ParamName);
    }

    [Fact]
    public void Hash32_NullKey_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => MurmurHash3.Hash32((string)null!));
        Assert.Throws<ArgumentNullException>(() => MurmurHash3.Hash32Unsigned((string)null!));
    }
}
