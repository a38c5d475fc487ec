using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter03OneHotEncodingTests(CurriculumFixture curriculum)
{
    private static double Number(string s) => double.Parse(s.Replace(",", ""), CultureInfo.InvariantCulture);

    [Fact]
    public void OneHotHurtsTheTreeOnIrisAndTheCategoricalSplitWinsOnZipCodes()
    {
        var text = curriculum.Load("03-one-hot-encoding.ipynb").AllText;

        // The primer's iris experiment: one-hot has many more columns and no better accuracy than the raw measurements.
        var raw = Regex.Match(text, @"\(a\) raw\s+(\d+) columns: mean test accuracy ([\d.]+)");
        var onehot = Regex.Match(text, @"\(b\) one-hot\s+(\d+) columns: mean test accuracy ([\d.]+)");
        Assert.True(raw.Success && onehot.Success, "iris accuracies not printed");
        Assert.Equal(4, int.Parse(raw.Groups[1].Value));
        Assert.InRange(int.Parse(onehot.Groups[1].Value), 80, 150);
        Assert.InRange(Number(raw.Groups[2].Value), 0.9, 1.0);
        Assert.True(Number(onehot.Groups[2].Value) <= Number(raw.Groups[2].Value), "one-hot should not beat raw measurements");

        // The table: on 2,000 zip codes the categorical split beats one-hot, which is no better than a tree on raw codes + 0.05.
        double Zip(string encoding)
        {
            var m = Regex.Match(text, @"zip codes\s+" + Regex.Escape(encoding) + @".*?\s([\d.]+)\s*$", RegexOptions.Multiline);
            Assert.True(m.Success, $"zip row {encoding} not printed");
            return Number(m.Groups[1].Value);
        }
        double zipRaw = Zip("(a) raw"), zipOneHot = Zip("(b) one-hot"), zipCategorical = Zip("(c) categorical");
        Assert.True(zipCategorical > zipOneHot + 0.05, $"categorical {zipCategorical} vs one-hot {zipOneHot}");
        Assert.True(zipOneHot < zipRaw + 0.05);
        // The tree's own fit time (encoding timed apart): one-hot columns cost the tree time, the categorical split more.
        double TreeMs(string encoding)
        {
            var m = Regex.Match(text, @"zip codes\s+" + Regex.Escape(encoding) + @".*?\s(\d+)\s+(\d+)\s+[\d.]+\s*$", RegexOptions.Multiline);
            Assert.True(m.Success, $"zip timing {encoding} not printed");
            return Number(m.Groups[2].Value);
        }
        Assert.True(TreeMs("(b) one-hot") > 1.8 * TreeMs("(a) raw"), "several times as long on one-hot columns (2.6 to 7.3 seen)");
        Assert.InRange(TreeMs("(c) categorical") / TreeMs("(b) one-hot"), 0.3, 5);   // "of the same order"
        var best = Regex.Match(text, @"best possible accuracy \(knowing each zip's risk\) ([\d.]+)");
        Assert.True(best.Success);
        Assert.True(zipCategorical < Number(best.Groups[1].Value), "no model beats the oracle");
    }

    [Fact]
    public void DenseOneHotMemoryGrowsWithCategoriesWhileSparseStaysFlat()
    {
        var text = curriculum.Load("03-one-hot-encoding.ipynb").AllText;
        var rows = Regex.Matches(text, @"^\s*(\d+)\s+([\d,]+)\s+([\d,]+)\s+[\d.]+\s+[\d.]+\s*$", RegexOptions.Multiline);
        Assert.Equal(6, rows.Count);
        var first = rows[0]; var last = rows[^1];
        Assert.Equal(4096, int.Parse(last.Groups[1].Value));
        // Dense: 8 bytes x 5,000 rows x k (plus the array header); sparse: the same bytes at every k.
        Assert.InRange(Number(last.Groups[3].Value), 8.0 * 5000 * 4096, 8.0 * 5000 * 4096 + 1024);
        // The same bytes at every k, up to the odd allocation the runtime makes on the thread meanwhile (seen: +856 bytes).
        Assert.InRange(Number(last.Groups[2].Value), 0.98 * Number(first.Groups[2].Value), 1.02 * Number(first.Groups[2].Value));
        Assert.True(Number(last.Groups[3].Value) > 1000 * Number(last.Groups[2].Value));
        // Time: the dense product grows with k, the sparse one stays flat (generous factors: a shared machine).
        var times = Regex.Matches(text, @"^\s*(\d+)\s+[\d,]+\s+[\d,]+\s+([\d.]+)\s+([\d.]+)\s*$", RegexOptions.Multiline);
        double Sparse(int i) => Number(times[i].Groups[2].Value);
        double Dense(int i) => Number(times[i].Groups[3].Value);
        Assert.True(Dense(5) > 100 * Dense(1), "dense X·w at 4,096 categories vs 16");
        Assert.True(Dense(5) > 100 * Sparse(5), "dense vs sparse at 4,096 categories");
        Assert.True(Sparse(5) < 10 * Sparse(0) + 0.5, "the sparse product should not grow with k");
        foreach (var name in new[] { "03-tree-encodings.png", "03-dense-vs-sparse-cost.png" })
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", name)), $"img/{name} not written");
    }
}
