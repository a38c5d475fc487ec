using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter26ExperimentsTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("26-experiments.ipynb").AllText;

    [Fact]
    public void SampleSizeGivesThePromisedPower()
    {
        var text = Text;
        Assert.Equal(14751, Number(text, @"alpha 0.05, power 0.8: (\d+)"));
        // Formula power vs simulated power for n/4, n/2, n, 2n: they agree within simulation noise and rise with n.
        var rows = new[] { 3687, 7375, 14751, 29502 }.Select(size => Numbers(text, $@"\n\s+{size}\s+([\d.]+)\s+([\d.]+)\n")).ToArray();
        Assert.All(rows, r => Assert.InRange(r[1] - r[0], -0.04, 0.04));
        Assert.InRange(rows[2][1], 0.76, 0.84);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.Second[1] > p.First[1]));
    }

    [Fact]
    public void ConversionLiftIsSignificantAndRevenueIsNoisier()
    {
        var text = Text;
        var conv = Numbers(text, @"conversion: .*?p = ([\d.]+), 95% CI \[(-?[\d.]+), (-?[\d.]+)\] points");
        Assert.True(conv[0] < 0.05 && conv[1] > 0 && conv[2] > conv[1]);
        var rev = Numbers(text, @"revenue per user: A .*?p = ([\d.]+), 95% CI \[(-?[\d.]+), (-?[\d.]+)\]");
        Assert.True(rev[0] > conv[0], "revenue per user should be less certain than conversion");
        Assert.True(Number(text, @"with power 0.8: (\d+)") > 14751, "revenue needs more users than conversion");
        // Flat-prior P(B > A) ~ 1 − one-sided p.
        var bayes = Numbers(text, @"P\(B > A\) = ([\d.]+); one-sided p-value = [\d.]+, 1 - p_one-sided = ([\d.]+)");
        Assert.InRange(bayes[0] - bayes[1], -0.002, 0.002);
    }

    [Fact]
    public void AaTestsHaveUniformPValuesAndAlphaFalsePositives()
    {
        var n = Numbers(Text, @"false-positive rate \(p < 0.05\): ([\d.]+); p-values per 0.05 bin: min (\d+), max (\d+) \(uniform: 200\)");
        Assert.InRange(n[0], 0.04, 0.06);
        Assert.InRange(n[1], 160, 200);
        Assert.InRange(n[2], 200, 240);
        AssertChart(Text, "26-aa-pvalues.png");
    }

    [Fact]
    public void PeekingInflatesFalsePositivesAndBoundariesRestoreThem()
    {
        var text = Text;
        double[] Row(int looks) => Numbers(text, $@"\n\s+{looks}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\n");
        var one = Row(1);
        var twenty = Row(20);
        Assert.InRange(one[0], 0.04, 0.06);
        Assert.InRange(twenty[0], 0.2, 0.3);                    // naive peeking, simulated
        Assert.InRange(twenty[0] - twenty[1], -0.025, 0.025);   // ... matches the exact integration
        foreach (var looks in new[] { 2, 4, 5, 10, 20 })
        {
            var r = Row(looks);
            Assert.InRange(r[3], 0.04, 0.06);   // Pocock
            Assert.InRange(r[5], 0.04, 0.06);   // O'Brien–Fleming
            Assert.True(r[0] > r[3] + 0.02 || looks == 2, $"{looks} looks: naive {r[0]} vs Pocock {r[3]}");
        }
        Assert.Equal(2.413, Row(5)[2], 3);      // Pocock's published constant for five looks
        AssertChart(text, "26-peeking.png");

        var fixedPower = Number(text, @"fixed: one look at the end\s+([\d.]+)");
        var pocock = Numbers(text, @"\nPocock\s+([\d.]+)\s+([\d.]+)");
        var obf = Numbers(text, @"\nO'Brien-Fleming\s+([\d.]+)\s+([\d.]+)");
        Assert.True(obf[0] > pocock[0] && fixedPower >= obf[0] - 0.03);
        Assert.True(pocock[1] < 1 && obf[1] < 1, "boundaries stop early when the effect is real");
    }

    [Fact]
    public void SampleRatioMismatchIsCaught()
    {
        var text = Text;
        Assert.Contains("SRM: False", text);
        Assert.Contains("SRM: True", text);
        var repeated = Numbers(text, @"1,000 buggy experiments: SRM flagged ([\d.]+) %, z-test declared B the winner ([\d.]+) %");
        Assert.Equal(100.0, repeated[0]);
        Assert.True(repeated[1] > 50, "the bug should usually fake a significant lift");
    }

    [Fact]
    public void HolmControlsTheFamilyWiseError()
    {
        var text = Text;
        var none = Numbers(text, @"0 real effects: any false positive\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
        Assert.InRange(none[0], 0.35, 0.45);    // 1 − 0.95^10 = 0.401
        Assert.InRange(none[1], 0.03, 0.07);
        Assert.InRange(none[2], 0.03, 0.07);
        var found = Numbers(text, @"3 real effects: share detected\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
        Assert.True(found[2] >= found[1] && found[0] > found[2]);
    }

    [Fact]
    public void BayesianOptimisationFindsTheForresterMinimum()
    {
        var text = Text;
        var last = Numbers(text, @"\n\s+10\s+([\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\n");
        Assert.True(last[2] < -5.9, $"best f after 10 trials {last[2]} (true minimum -6.02)");
        AssertChart(text, "26-gp-expected-improvement.png");
    }

    [Fact]
    public void BayesianOptimisationBeatsGridAndRandomSearch()
    {
        var text = Text;
        double[] Row(string method) => Numbers(text, $@"{method}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\n");
        var (grid, random, bo) = (Row("grid search"), Row("random search"), Row("Bayesian optimisation"));
        Assert.Equal(random[0], bo[0]);                                   // same seeded random start
        Assert.True(bo[2] < random[2] && bo[2] < grid[2], $"after 18 trials: BO {bo[2]}, random {random[2]}, grid {grid[2]}");
        Assert.All(new[] { grid, random, bo }, r => Assert.True(r[2] <= r[1] && r[1] <= r[0]));   // best-so-far never worsens
        Assert.All(new[] { grid, random, bo }, r => Assert.InRange(r[4], 0.9, 1.0));            // test accuracy
        AssertChart(text, "26-tuning-best-so-far.png");
    }
}
