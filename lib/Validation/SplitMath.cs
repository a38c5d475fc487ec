namespace MLPrimer.Validation;

/// <summary>Seeded Fisher-Yates shuffling and label encoding used by the splitters.</summary>
internal static class SplitMath
{
    internal static Random Rng(int? seed) => seed is int s ? new Random(s) : new Random();

    internal static void Shuffle<T>(T[] items, Random rng)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    internal static int[] Range(int count) => Enumerable.Range(0, count).ToArray();

    /// <summary>Codes 0, 1, ... in order of first appearance (scikit-learn's StratifiedKFold does the same).</summary>
    internal static (int[] Codes, int ClassCount) EncodeByAppearance<T>(IReadOnlyList<T> labels) where T : notnull
    {
        var map = new Dictionary<T, int>();
        var codes = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (!map.TryGetValue(labels[i], out var code))
                map[labels[i]] = code = map.Count;
            codes[i] = code;
        }
        return (codes, map.Count);
    }

    /// <summary>Turns a per-row fold assignment into folds: test = rows of fold f, train = all other rows (both ascending).</summary>
    internal static IEnumerable<Fold> FromAssignment(int[] foldOfRow, int nSplits)
    {
        for (var f = 0; f < nSplits; f++)
        {
            var train = new List<int>(foldOfRow.Length);
            var test = new List<int>();
            for (var i = 0; i < foldOfRow.Length; i++)
                (foldOfRow[i] == f ? test : train).Add(i);
            yield return new Fold(f, train.ToArray(), test.ToArray());
        }
    }
}
