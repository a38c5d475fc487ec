using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter06CrossFeaturesTests(CurriculumFixture curriculum)
{
    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void PrimerRegressionIsUnderdeterminedAndMatchesScikitLearnMinimumNorm()
    {
        var text = curriculum.Load("06-cross-features.ipynb").AllText;
        Assert.Contains("     x0     x1     x2  x0 x1  x0 x2  x1 x2", text);
        Assert.Contains("rank of the centred 3 x 6 matrix: 2", text);
        // scikit-learn 1.2.1 LinearRegression().fit(X_cross, y): coef_ = [1/18, 1/18, 1/18, -1/27, 1/54, 2/27], intercept_ = 121/54.
        Assert.Contains("minimum-norm coef_: [0.05556, 0.05556, 0.05556, -0.03704, 0.01852, 0.07407], intercept 2.24074", text);
        // A different coefficient vector fits the three targets just as exactly.
        var other = Regex.Match(text, @"another exact fit:\s+\[([^\]]+)\]");
        Assert.True(other.Success);
        Assert.NotEqual("0.05556, 0.05556, 0.05556, -0.03704, 0.01852, 0.07407", other.Groups[1].Value);
        Assert.Equal(2, Regex.Matches(text, @"fitted values:\s+\[3\.00000, 5\.00000, 8\.00000\]").Count);
    }

    [Fact]
    public void CrossFeatureLiftsTheLinearModelToTheBestAchievable()
    {
        var text = curriculum.Load("06-cross-features.ipynb").AllText;
        Match Row(string name)
        {
            var m = Regex.Match(text, Regex.Escape(name) + @"\s+([\d.]+)\s+([\d.]+)");
            Assert.True(m.Success, name + " not printed");
            return m;
        }
        var without = Row("segment + category + hour");
        var with = Row("... + segment^category cross");
        var limit = Row("true probabilities (the limit)");
        Assert.True(Number(with.Groups[1].Value) > Number(without.Groups[1].Value) + 0.1, "the cross should raise AUC");
        Assert.True(Number(with.Groups[2].Value) < Number(without.Groups[2].Value), "the cross should lower log loss");
        Assert.InRange(Number(limit.Groups[1].Value) - Number(with.Groups[1].Value), -0.01, 0.02);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "06-cross-feature-auc.png")));
    }
    [Fact]
    public void GameAndTravelAdsAreFavouredByTwoSegmentsEach()
    {
        var text = curriculum.Load("06-cross-features.ipynb").AllText;
        double Rate(string category, int segments) => Number(Regex.Match(text,
            $@"\n{category}\s+{segments} segments?\s+([\d.]+)").Groups[1].Value);
        var twice = new[] { Rate("games", 2), Rate("travel", 2) };
        var once = new[] { Rate("baby", 1), Rate("sports", 1), Rate("food", 1), Rate("finance", 1) };
        Assert.True(twice.Min() > once.Max(), "averaged over all users, game and travel ads are clicked more often");
    }

    [Fact]
    public void ATooFineCrossOverfitsWhenRowsAreFew()
    {
        var text = curriculum.Load("06-cross-features.ipynb").AllText;
        double[] Row(string features, string rows)
        {
            var m = Regex.Match(text, Regex.Escape(features) + @"\s+" + rows + @"\s+([\d,]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
            Assert.True(m.Success, $"{features} / {rows} not printed");
            return m.Groups.Cast<Group>().Skip(1).Select(g => Number(g.Value.Replace(",", ""))).ToArray();   // weights, rows/weight, train, test
        }
        var oracle = Number(Regex.Match(text, @"true probabilities on the test rows: log loss ([\d.]+)").Groups[1].Value);
        var none = Row("segment + category + hour", "2,000");
        var pairSmall = Row("... + segment^category", "2,000");
        var pairLarge = Row("... + segment^category", "48,000");
        var tripleSmall = Row("... + segment^category^hour", "2,000");
        var tripleLarge = Row("... + segment^category^hour", "48,000");
        Assert.True(pairSmall[1] > 20 && pairSmall[3] < none[3], "the pair cross helps even on 2,000 rows");
        Assert.True(tripleSmall[1] < 3, "about two rows per weight");
        Assert.True(tripleSmall[2] < oracle - 0.1, "the triple cross memorises its 2,000 training rows");
        Assert.InRange(tripleSmall[3] / pairSmall[3], 2, 4);                   // "about three times" the pair cross
        Assert.True(tripleSmall[3] > none[3], "far worse than no cross");
        Assert.InRange(tripleLarge[1], 30, 50);
        Assert.True(tripleLarge[3] > pairLarge[3], "with 48,000 rows the useless cross still costs a little");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "06-cross-overfitting.png")));
    }
}
