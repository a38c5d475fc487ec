using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter01ScopeAndFramingTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("01-scope-and-framing.ipynb").AllText;

    [Fact]
    public void APerItemScorerHandlesANewItemAndAClassifierCannot()
    {
        var text = Text;
        var weights = Numbers(text, @"scorer: 4 parameters, weights ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+)");
        Assert.All(weights, w => Assert.InRange(w, 1.6, 2.4));            // the data were made with 2·user·item
        double Hit(string catalogue, string model) => Number(text, $@"{Regex.Escape(catalogue)}\s+{model}\s+([\d.]+)");
        var oracleOld = Hit("10", "oracle");
        Assert.InRange(Hit("10", "classifier"), oracleOld - 0.03, oracleOld + 0.03);
        Assert.InRange(Hit("10", "scorer"), oracleOld - 0.03, oracleOld + 0.03);
        var newItem = Numbers(text, @"11 \(product 10 added\) classifier\s+([\d.]+)\s+(\d+) of (\d+)");
        var scorerNew = Numbers(text, @"11 \(product 10 added\) scorer\s+([\d.]+)\s+(\d+) of (\d+)");
        Assert.Equal(0, newItem[1]);                                          // no output unit for product 10
        Assert.True(newItem[2] > 20, "some test users should pick the new product");
        Assert.True(scorerNew[1] >= 0.5 * scorerNew[2], "the scorer should recommend the new product to many of its pickers");
        Assert.True(scorerNew[0] > newItem[0], "after the launch the scorer should beat the classifier");
    }

    [Fact]
    public void RobustLossesIgnoreTheOutliersAndMseMatchesTheClosedForm()
    {
        var text = Text;
        var mse = Numbers(text, @"MSE\s+([\d.-]+)\s+([\d.-]+)\s+([\d.]+)");
        var mae = Numbers(text, @"MAE\s+([\d.-]+)\s+([\d.-]+)\s+([\d.]+)");
        var huber = Numbers(text, @"Huber δ=1\s+([\d.-]+)\s+([\d.-]+)\s+([\d.]+)");
        var ols = Numbers(text, @"closed-form least squares: slope ([\d.-]+), intercept ([\d.-]+)");
        Assert.InRange(mse[0], ols[0] - 0.01, ols[0] + 0.01);                // gradient descent reached the least-squares line
        Assert.InRange(mse[1], ols[1] - 0.05, ols[1] + 0.05);
        Assert.True(mse[0] < 1.6, "the corrupted rows should flatten the MSE slope");
        foreach (var robust in new[] { mae, huber })
        {
            Assert.InRange(robust[0], 1.85, 2.15);
            Assert.InRange(robust[1], 0.5, 1.5);
            Assert.True(robust[2] < 0.5 * mse[2], "robust fits should have a much lower clean RMSE");
            Assert.InRange(robust[2], 0.9, 1.2);                              // the noise sd is 1
        }
        AssertChart(text, "01-regression-losses.png");
    }

    [Fact]
    public void ClassWeightsTradePrecisionForRecallAndMiscalibrate()
    {
        var text = Text;
        var plain = Numbers(text, @"plain CE\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
        var weighted = Numbers(text, @"weighted CE \(w=\d+\)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
        var focal = Numbers(text, @"focal \(γ=2\)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
        Assert.True(weighted[1] > plain[1] + 0.2, "weighting should raise recall");
        Assert.True(weighted[0] < plain[0] - 0.3, "weighting should cost precision");
        Assert.True(focal[1] >= plain[1] && focal[1] - plain[1] < weighted[1] - focal[1], "focal sits between, nearer the plain loss");
        Assert.InRange(focal[3], plain[3] - 0.01, plain[3] + 0.01);
        Assert.True(focal[4] > 2 * plain[4], "focal loss inflates the mean probability too");
        Assert.InRange(weighted[3], plain[3] - 0.01, plain[3] + 0.01);       // same ranking: ROC AUC unchanged
        Assert.InRange(plain[4], 0.015, 0.03);                                 // plain CE is calibrated: mean p ≈ 2%
        Assert.True(weighted[4] > 3 * plain[4], "the weighted model's probabilities are inflated");
    }

    [Fact]
    public void LogLossAndBusinessCostDisagreeAndTheThresholdReconcilesThem()
    {
        var text = Text;
        var plain = Numbers(text, @"plain CE\s+([\d.]+)\s+([\d.]+)\s+(\d+)\n");
        var weighted = Numbers(text, @"weighted CE \(w=\d+\)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\n");
        var constant = Numbers(text, @"constant \(base rate\)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\n");
        var focal = Numbers(text, @"focal \(γ=2\)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\n");
        Assert.True(plain[0] < focal[0] && focal[0] < weighted[0] && plain[0] < constant[0], "log loss: plain < focal < weighted");
        Assert.True(weighted[2] < focal[2] && focal[2] < plain[2], "cost at 0.5 reverses the trained models' order");
        Assert.True(constant[2] > plain[2], "the constant model is last by cost");
        Assert.True(weighted[0] > constant[0], "weighted CE's log loss is worse than the constant model's");
        Assert.Equal(202 * 100, constant[2]);                                  // the constant model misses every positive: 202 · 100
        var tuned = Numbers(text, @"plain CE at the cost-optimal threshold (0\.\d+): cost (\d+)");
        Assert.Equal(5.0 / 105, tuned[0], 4);
        Assert.True(tuned[1] < weighted[2], "the calibrated model at the Bayes threshold should cost least");
    }

    [Fact]
    public void DecoupledObjectivesTraceTheParetoFront()
    {
        var text = Text;
        var rows = Regex.Matches(text, @"\n\s(\d\.\d\d)\s+(0\.\d+)\s+(0\.\d+)").Select(m => m.Groups.Cast<Group>().Skip(1)
            .Select(g => double.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], rows.Select(r => r[0]));
        for (var i = 1; i < rows.Length; i++)
        {
            Assert.True(rows[i][1] < rows[i - 1][1], "engagement falls as α grows");
            Assert.True(rows[i][2] > rows[i - 1][2], "quality rises as α grows");
        }
        var unranked = Numbers(text, @"unranked feed: engagement ([\d.]+), quality ([\d.]+)");
        Assert.True(rows[2][1] > unranked[0] && rows[2][2] > unranked[1], "α = 0.5 beats the unranked feed on both");
        // A coupled model sits on or inside the decoupled front: it does not beat the blend with the same engagement.
        var coupled = Numbers(text, @"coupled model α=0.50: engagement@500 ([\d.]+), quality@500 ([\d.]+)");
        Assert.True(coupled[1] <= rows[1][2] + (rows[2][2] - rows[1][2]) * (rows[1][1] - coupled[0]) / (rows[1][1] - rows[2][1]) + 0.03);
        Assert.Contains("21 values of α re-ranked", text);
        AssertChart(text, "01-pareto-front.png");
    }

    [Fact]
    public void McdaChoiceDependsOnTheWeightsAndFloors()
    {
        var text = Text;
        var choices = Regex.Matches(text, @"(growth|trust & safety|infrastructure)\s+weights [\d./]+: .*→ choose (.+)")
            .Select(m => (Team: m.Groups[1].Value, Choice: m.Groups[2].Value.Trim())).ToArray();
        Assert.Equal(6, choices.Length);
        Assert.Contains("dominated: none", text);                            // "no candidate is dominated"
        Assert.NotEqual(choices[0].Choice, choices[1].Choice);               // growth and trust & safety disagree
        Assert.StartsWith("coupled", choices[0].Choice);                     // both winners serve one model
        Assert.StartsWith("coupled", choices[1].Choice);
        Assert.Equal("unranked", choices[2].Choice);                         // compensatory: cost outweighs both objectives
        var remaining = Regex.Match(text, @"with floors engagement ≥ 0.5 and quality ≥ 0.6, (\d+) candidates remain: (.+)");
        Assert.True(remaining.Success);
        Assert.DoesNotContain("unranked", remaining.Groups[2].Value);
        Assert.All(choices.Skip(3), c => Assert.Contains(c.Choice, remaining.Groups[2].Value));
    }
}
