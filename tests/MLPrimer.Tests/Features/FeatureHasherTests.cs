using System.Collections.ObjectModel;
using System.Text.Json;
using MLPrimer.Features;
using Xunit;

namespace MLPrimer.Tests.Features;

public class FeatureHasherTests
{
    private static JsonElement Case(string name) =>
        Reference.Load("hashing_reference.json").GetProperty("feature_hasher").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Reference.Load("hashing_reference.json").GetProperty("feature_hasher").EnumerateArray())
            data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    private static object? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidOperationException("unexpected JSON value " + v),
    };

    private static SparseMatrix Hash(JsonElement c)
    {
        var hasher = new FeatureHasher(
            c.GetProperty("n_features").GetInt32(),
            c.GetProperty("input_type").GetString() switch
            {
                "dict" => FeatureHasherInputType.Dict,
                "pair" => FeatureHasherInputType.Pair,
                _ => FeatureHasherInputType.String,
            },
            c.GetProperty("alternate_sign").GetBoolean());
        var rows = c.GetProperty("rows");
        return hasher.InputType switch
        {
            FeatureHasherInputType.Dict => hasher.Transform(rows.EnumerateArray()
                .Select(r => (IReadOnlyDictionary<string, object?>)r.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value)))
                .ToList()),
            FeatureHasherInputType.Pair => hasher.Transform(rows.EnumerateArray()
                .Select(r => r.EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetDouble())).ToArray())
                .ToList()),
            _ => hasher.Transform(rows.EnumerateArray()
                .Select(r => r.EnumerateArray().Select(s => s.GetString()!).ToArray())
                .ToList()),
        };
    }

    private static void AssertSameAsSklearn(JsonElement c, SparseMatrix m)
    {
        Assert.Equal(c.GetProperty("rows").GetArrayLength(), m.Rows);
        Assert.Equal(c.GetProperty("n_features").GetInt32(), m.Columns);
        Assert.Equal(Reference.Ints(c.GetProperty("indptr")), m.IndPtr);
        Assert.Equal(Reference.Ints(c.GetProperty("indices")), m.Indices);
        var expected = Reference.Doubles(c.GetProperty("data"));
        if (c.GetProperty("name").GetString() == "pair_long_rows")
        {
            // scipy sums a column's repeated values in std::sort's (unstable) order, we in arrival order: for
            // non-integer values in rows over 16 entries the sums may differ in the last bit, so compare to 1e-12.
            Assert.Equal(expected.Length, m.Data.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], m.Data[i], 1e-12);
        }
        else Assert.Equal(expected, m.Data);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Transform_MatchesSklearnFeatureHasher(string name)
    {
        // Reference: sklearn FeatureHasher(...).transform(rows) CSR arrays, see reference/make_reference.py.
        var c = Case(name);
        AssertSameAsSklearn(c, Hash(c));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Transform_TypedDictOverloads_MatchSklearnToo(string name)
    {
        var c = Case(name);
        if (c.GetProperty("input_type").GetString() != "dict") return;
        var hasher = new FeatureHasher(c.GetProperty("n_features").GetInt32(), alternateSign: c.GetProperty("alternate_sign").GetBoolean());
        var rows = c.GetProperty("rows").EnumerateArray().ToList();
        var kinds = rows.SelectMany(r => r.EnumerateObject().Select(p => p.Value.ValueKind)).Distinct().ToList();
        if (kinds.All(k => k == JsonValueKind.String))
        {
            // Dictionary<string, string> takes the struct-enumerator fast path; ReadOnlyDictionary the interface path.
            var dicts = rows.Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)).ToList();
            AssertSameAsSklearn(c, hasher.Transform(dicts));
            AssertSameAsSklearn(c, hasher.Transform(dicts.Select(d => (IReadOnlyDictionary<string, string>)new ReadOnlyDictionary<string, string>(d)).ToList()));
        }
        else if (kinds.All(k => k == JsonValueKind.Number))
        {
            AssertSameAsSklearn(c, hasher.Transform(rows.Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble())).ToList()));
        }
    }

    [Fact]
    public void Transform_PrimerCtrExample_DenseMatchesSklearn()
    {
        // The primer's CTR example: FeatureHasher(n_features=20, input_type="dict").transform(features).toarray().
        var c = Case("primer_ctr");
        var rows = new List<Dictionary<string, string>>
        {
            new() { ["user_id"] = "user1", ["ad_id"] = "ad1", ["age"] = "25", ["gender"] = "M" },
            new() { ["user_id"] = "user2", ["ad_id"] = "ad2", ["age"] = "30", ["gender"] = "F" },
            new() { ["user_id"] = "user3", ["ad_id"] = "ad3", ["age"] = "35", ["gender"] = "M" },
            new() { ["user_id"] = "user4", ["ad_id"] = "ad4", ["age"] = "40", ["gender"] = "F" },
        };
        var dense = new FeatureHasher(20).Transform(rows).ToDense();
        var expected = new SparseMatrix(4, 20, Reference.Ints(c.GetProperty("indptr")), Reference.Ints(c.GetProperty("indices")),
            Reference.Doubles(c.GetProperty("data"))).ToDense();
        Assert.Equal(expected, dense);
        Assert.Equal(4, dense.GetLength(0));
        Assert.Equal(20, dense.GetLength(1));
    }

    [Fact]
    public void Transform_PrimerColorShapeExample_MatchesSklearn()
    {
        var rows = new List<Dictionary<string, string>>
        {
            new() { ["color"] = "red", ["shape"] = "circle" },
            new() { ["color"] = "blue", ["shape"] = "triangle" },
            new() { ["color"] = "green", ["shape"] = "square" },
        };
        AssertSameAsSklearn(Case("primer_color_shape"), new FeatureHasher(20).Transform(rows));
    }

    [Fact]
    public void Transform_Cancellation_LeavesExplicitZero_AndZeroInputsAreSkipped()
    {
        // Hand check (n_features = 1, everything lands in column 0): row 0 = a(+1) + a(-1) -> stored 0, b(0) skipped;
        // row 1 = sign(a) * (2 + 3); row 2 empty. scipy's sum_duplicates keeps the cancelled 0 as a stored entry.
        var m = new FeatureHasher(1, FeatureHasherInputType.Pair).Transform(new[]
        {
            new[] { ("a", 1.0), ("a", -1.0), ("b", 0.0) },
            new[] { ("a", 2.0), ("a", 3.0) },
            Array.Empty<(string, double)>(),
        });
        Assert.Equal(new[] { 0, 1, 2, 2 }, m.IndPtr);
        Assert.Equal(0.0, m.Data[0]);
        Assert.Equal(5.0 * new FeatureHasher(1).Bucket("a").Sign, m.Data[1]);
    }

    [Fact]
    public void Transform_NaNValue_IsKeptLikeSklearn()
    {
        var m = new FeatureHasher(8).Transform(new[] { new Dictionary<string, double> { ["x"] = double.NaN } });
        Assert.Equal(1, m.StoredCount);
        Assert.True(double.IsNaN(m.Data[0]));
    }

    [Fact]
    public void Bucket_IntMinHash_MapsTo2Pow31ModN_WithNegativeSign()
    {
        // |int.MinValue| is 2^31; sklearn computes (2^31 - 1 - (n - 1)) % n, which equals 2^31 mod n.
        foreach (var key in Reference.Load("hashing_reference.json").GetProperty("int_min_keys").EnumerateArray())
        {
            foreach (int n in new[] { 1, 3, 7, 20, 1 << 20, int.MaxValue })
            {
                var (index, sign) = new FeatureHasher(n).Bucket(key.GetString()!);
                Assert.Equal((int)(2147483648L % n), index);
                Assert.Equal(-1, sign);
            }
        }
    }

    [Fact]
    public void Bucket_AgreesWithMurmurHash3()
    {
        foreach (var name in new[] { "dog", "user_id=user1", "😀", new string('k', 5000) })
        {
            int h = MurmurHash3.Hash32(name);
            foreach (int n in new[] { 1, 7, 20, 1 << 20, int.MaxValue })
            {
                Assert.Equal((int)(Math.Abs((long)h) % n), new FeatureHasher(n).Bucket(name).Index);
                Assert.Equal(h < 0 ? -1 : 1, new FeatureHasher(n).Bucket(name).Sign);
                Assert.Equal(1, new FeatureHasher(n, alternateSign: false).Bucket(name).Sign);
            }
        }
    }

    [Fact]
    public void Transform_LongNamesAndValues_UseTheGrowingScratchBuffer()
    {
        string name = new('n', 700), value = new('日', 400);
        var hasher = new FeatureHasher(1 << 20);
        var m = hasher.Transform(new[] { new Dictionary<string, string> { [name] = value } });
        var (index, sign) = hasher.Bucket(name + "=" + value);
        Assert.Equal(new[] { index }, m.Indices);
        Assert.Equal(new[] { (double)sign }, m.Data);
    }

    [Fact]
    public void Transform_MixedDict_TextAndNumbersAndBools()
    {
        // "c": "x" hashes as "c=x" with value 1; "n": 2.5 as "n" with 2.5; true counts 1, false is 0 and skipped.
        var hasher = new FeatureHasher(1 << 20, alternateSign: false);
        var m = hasher.Transform(new[] { new Dictionary<string, object?> { ["c"] = "x", ["n"] = 2.5f, ["b"] = true, ["z"] = false, ["i"] = 3 } });
        var expected = new SortedDictionary<int, double>();
        void Add(string f, double v) => expected[hasher.Bucket(f).Index] = expected.GetValueOrDefault(hasher.Bucket(f).Index) + v;
        Add("c=x", 1); Add("n", 2.5); Add("b", 1); Add("i", 3);
        Assert.Equal(expected.Keys, m.Indices);
        Assert.Equal(expected.Values, m.Data);
    }

    [Fact]
    public void Constructor_RejectsNFeaturesBelowOne()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FeatureHasher(0));
        Assert.Equal("nFeatures", ex.ParamName);
        Assert.Contains("at least 1", ex.Message);
        Assert.Throws<ArgumentException>(() => new FeatureHasher(-5));
        Assert.Equal("inputType", Assert.Throws<ArgumentException>(() => new FeatureHasher(8, (FeatureHasherInputType)9)).ParamName);
    }

    [Fact]
    public void Transform_BadInput_ThrowsNamingRows()
    {
        var dict = new FeatureHasher(8);
        Assert.Throws<ArgumentNullException>(() => dict.Transform((IEnumerable<IReadOnlyDictionary<string, string>>)null!));
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => dict.Transform(new List<Dictionary<string, string>>())).Message);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => dict.Transform(new List<Dictionary<string, string>> { null! })).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => dict.Transform(new[] { new Dictionary<string, object?> { ["a"] = null } })).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => dict.Transform(new[] { new Dictionary<string, object?> { ["a"] = DateTime.Now } })).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => dict.Transform(new[] { new Dictionary<string, string> { ["a"] = null! } })).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => dict.Transform(new[] { new Dictionary<string, string> { ["a\udc00"] = "x" } })).ParamName);

        var strings = new FeatureHasher(8, FeatureHasherInputType.String);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => strings.Transform(new[] { new[] { "a", null! } })).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => strings.Transform(Array.Empty<string[]>())).ParamName);

        var pairs = new FeatureHasher(8, FeatureHasherInputType.Pair);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => pairs.Transform(new[] { new[] { ((string)null!, 1.0) } })).ParamName);
    }

    [Fact]
    public void Transform_WrongInputType_ThrowsAndSaysWhichTypeToUse()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FeatureHasher(8).Transform(new[] { new[] { "a" } }));
        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("FeatureHasherInputType.String", ex.Message);
        Assert.Throws<ArgumentException>(() => new FeatureHasher(8, FeatureHasherInputType.String).Transform(new[] { new Dictionary<string, string> { ["a"] = "b" } }));
        Assert.Throws<ArgumentException>(() => new FeatureHasher(8).Transform(new[] { new[] { ("a", 1.0) } }));
    }

    [Fact]
    public void Transform_RowsWithNoFeatures_GiveEmptyRows()
    {
        var m = new FeatureHasher(4, FeatureHasherInputType.String).Transform(new[] { Array.Empty<string>(), new[] { "x" }, Array.Empty<string>() });
        Assert.Equal(3, m.Rows);
        Assert.Equal(new[] { 0, 0, 1, 1 }, m.IndPtr);
    }
    [Fact]
    public void Transform_LazyAndCollectionInputs_GiveTheSameMatrix_WhateverTheRowLengths()
    {
        // Row i has i % 13 features early on and up to 40 later, so the size estimate taken from the first rows is too small
        // and the buffers must grow again; a lazy sequence gives no count at all. Both must equal a row-by-row hashing.
        IEnumerable<string[]> Rows()
        {
            for (int i = 0; i < 3000; i++)
                yield return Enumerable.Range(0, i < 1000 ? i % 13 : 40).Select(j => $"t{(i * 31 + j * 7) % 500}").ToArray();
        }
        var hasher = new FeatureHasher(1 << 10, FeatureHasherInputType.String);
        var lazy = hasher.Transform(Rows());
        var list = hasher.Transform(Rows().ToList());
        Assert.Equal(list.IndPtr, lazy.IndPtr);
        Assert.Equal(list.Indices, lazy.Indices);
        Assert.Equal(list.Data, lazy.Data);
        Assert.Equal(list.IndPtr.Length - 1, list.Rows);
        Assert.Equal(list.StoredCount, list.Data.Length);
        int r = 0;
        foreach (var row in Rows())
        {
            var single = hasher.Transform(new[] { row });
            Assert.Equal(single.Indices, list.RowIndices(r).ToArray());
            Assert.Equal(single.Data, list.RowValues(r).ToArray());
            r++;
        }
    }
}
