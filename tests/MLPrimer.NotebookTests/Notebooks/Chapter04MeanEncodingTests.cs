using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter04MeanEncodingTests(CurriculumFixture curriculum)
{
    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void NaiveEncodingLeaksAndOutOfFoldDoesNot()
    {
        var text = curriculum.Load("04-mean-encoding.ipynb").AllText;

        // The hand-checked example: (2 + 2·0.5)/4, (0 + 2·0.5)/3, (1 + 2·0.5)/5 and the prior.
        Assert.Contains("enc(a) = 0.750", text);
        Assert.Contains("enc(b) = 0.333", text);
        Assert.Contains("enc(c) = 0.400", text);
        Assert.Contains("enc(unseen city) = 0.500", text);

        // For one-visit users the naive encoding is the label; out of fold it carries no information.
        var naiveOnce = Regex.Match(text, @"AUC of the naive in-sample encoding on them: ([\d.]+)");
        var oofOnce = Regex.Match(text, @"AUC of the out-of-fold encoding on them:\s+([\d.]+)");
        Assert.Equal(1.0, Number(naiveOnce.Groups[1].Value));
        Assert.InRange(Number(oofOnce.Groups[1].Value), 0.4, 0.6);

        // Every row of the smoothing sweep: the naive train/test gap is far larger than the out-of-fold one,
        // and out-of-fold scores better on the test half.
        var rows = Regex.Matches(text, @"^(naive in-sample|out-of-fold)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(-?[\d.]+)\s+([\d.]+)\s*$", RegexOptions.Multiline);
        Assert.Equal(10, rows.Count); // 2 from the first table (its baseline row has no m), 8 from the sweep
        foreach (var m in new[] { "0", "1", "10", "100" })
        {
            var naive = rows.Last(r => r.Groups[1].Value == "naive in-sample" && r.Groups[2].Value == m);
            var oof = rows.Last(r => r.Groups[1].Value == "out-of-fold" && r.Groups[2].Value == m);
            Assert.True(Number(naive.Groups[5].Value) > Number(oof.Groups[5].Value) + 0.1, $"gap at m={m}");
            Assert.True(Number(oof.Groups[4].Value) > Number(naive.Groups[4].Value), $"test AUC at m={m}");
        }
        // The prose: the naive gap stays near 0.25 whatever m is (it does not shrink), the out-of-fold gap stays small,
        // smoothing lowers the naive test log loss (1.27 at m = 0 to about 0.92 at m = 100) without closing the gap.
        var naiveRows = rows.Where(r => r.Groups[1].Value == "naive in-sample").Skip(1).ToArray();
        var oofRows = rows.Where(r => r.Groups[1].Value == "out-of-fold").Skip(1).ToArray();
        var naiveGaps = naiveRows.Select(r => Number(r.Groups[5].Value)).ToArray();
        Assert.All(naiveGaps, g => Assert.InRange(g, 0.2, 0.3));
        Assert.True(naiveGaps.Max() - naiveGaps.Min() < 0.02, "the naive gap should not move with m");
        Assert.All(oofRows, r => Assert.InRange(Number(r.Groups[5].Value), -0.02, 0.06));
        Assert.True(Number(naiveRows[0].Groups[6].Value) > 1.1 && Number(naiveRows[^1].Groups[6].Value) < 1.0, "smoothing lowers the naive log loss");
        Assert.True(Number(naiveRows[0].Groups[6].Value) > Number(oofRows[0].Groups[6].Value));
        // First table: out-of-fold has the best test AUC of the three, and a better test log loss than naive.
        var noUser = Regex.Match(text, @"no user feature\s+-\s+([\d.]+)\s+([\d.]+)\s+(-?[\d.]+)\s+([\d.]+)");
        Assert.True(noUser.Success);
        var firstOof = rows.First(r => r.Groups[1].Value == "out-of-fold");
        var firstNaive = rows.First(r => r.Groups[1].Value == "naive in-sample");
        Assert.True(Number(firstOof.Groups[4].Value) > Number(noUser.Groups[2].Value), "the user feature helps once the leak is gone");
        Assert.True(Number(firstOof.Groups[6].Value) < Number(firstNaive.Groups[6].Value));
        foreach (var name in new[] { "04-train-test-gap.png", "04-smoothing-gap.png" })
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", name)), $"img/{name} not written");
    }
}
