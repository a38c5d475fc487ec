using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter23BaselinesTests(CurriculumFixture curriculum)
{
    private record Row(double Accuracy, double F1, double? RocAuc);

    private Dictionary<string, Row> Table()
    {
        var text = curriculum.Load("23-baselines.ipynb").AllText;
        var rows = new Dictionary<string, Row>();
        foreach (Match m in Regex.Matches(text, @"^(\S.*?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+|n/a)\s*$", RegexOptions.Multiline))
            rows[m.Groups[1].Value] = new Row(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
                m.Groups[4].Value == "n/a" ? null : double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));
        return rows;
    }

    [Fact]
    public void TheModelBeatsEveryBaseline()
    {
        var table = Table();
        var model = table["logistic regression"];
        foreach (var name in new[] { "random (coin)", "random (prior)", "zero rule", "one-feature rule", "existing (3-feature plane)" })
        {
            Assert.True(table.ContainsKey(name), $"row '{name}' missing");
            Assert.True(model.Accuracy > table[name].Accuracy, $"model accuracy does not beat {name}");
            Assert.True(model.F1 > table[name].F1, $"model F1 does not beat {name}");
        }
        foreach (var name in new[] { "random (coin)", "random (prior)", "one-feature rule" })
            Assert.True(model.RocAuc > table[name].RocAuc, $"model ROC AUC does not beat {name}");
    }

    [Fact]
    public void BaselinesLandWhereArithmeticPutsThem()
    {
        var table = Table();
        // Always "benign": accuracy is the test set's benign share (about 2/3), F1 for malignant is 0, AUC undefined.
        Assert.InRange(table["zero rule"].Accuracy, 0.6, 0.75);
        Assert.Equal(0.0, table["zero rule"].F1);
        Assert.Null(table["zero rule"].RocAuc);
        // Random scores rank no better than chance.
        Assert.InRange(table["random (coin)"].Accuracy, 0.45, 0.55);
        Assert.InRange(table["random (coin)"].RocAuc!.Value, 0.47, 0.53);
        // The prior coin: accuracy p·m + (1 − p)(1 − m), p its rate of saying malignant, m the test set's malignant share.
        var text = curriculum.Load("23-baselines.ipynb").AllText;
        var p = double.Parse(Regex.Match(text, @"the prior coin says malignant with probability ([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var test = Regex.Match(text, @"test:\s+(\d+) tumours, (\d+) malignant");
        var m = double.Parse(test.Groups[2].Value, CultureInfo.InvariantCulture) / double.Parse(test.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(table["random (prior)"].Accuracy - (p * m + (1 - p) * (1 - m)), -0.01, 0.01);
        Assert.InRange(table["random (prior)"].RocAuc!.Value, 0.47, 0.53);
        // A one-feature rule is already far better than chance.
        Assert.InRange(table["one-feature rule"].Accuracy, 0.8, 0.97);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "23-baselines.png")), "img/23-baselines.png not written");
    }
}
