using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter13FeatureImportanceTests(CurriculumFixture curriculum)
{
    private static double Number(string s) => double.Parse(s.Replace("+", ""), CultureInfo.InvariantCulture);

    [Fact]
    public void PermutationImportanceRanksThePlantedFeatureFirstAndExplainersRecoverTheShapes()
    {
        var text = curriculum.Load("13-feature-importance.ipynb").AllText;

        // Permutation importance: the planted strong feature first, the U-shaped one second, noise near zero.
        var pfi = Regex.Matches(text, @"^(\w+)\s+(-?[\d.]+) ± ([\d.]+)\s*$", RegexOptions.Multiline)
            .Select(m => (Name: m.Groups[1].Value, Drop: Number(m.Groups[2].Value))).ToList();
        Assert.Equal(8, pfi.Count);
        Assert.Equal("income", pfi[0].Name);
        Assert.Equal("age", pfi[1].Name);
        Assert.All(pfi.Where(f => f.Name.StartsWith("noise")), f => Assert.True(f.Drop < 0.02, $"{f.Name}: {f.Drop}"));
        Assert.True(pfi[0].Drop > 5 * pfi.Where(f => f.Name.StartsWith("noise")).Max(f => f.Drop));
        // "Everything else costs less than 0.01".
        Assert.All(pfi.Skip(2), f => Assert.True(f.Drop < 0.01, $"{f.Name}: {f.Drop}"));

        // Partial dependence: income moves the prediction far more than noise does.
        double Range(string feature)
        {
            var m = Regex.Match(text, feature + @"\s+predicted default rate from ([\d.]+) to ([\d.]+)");
            Assert.True(m.Success, feature);
            return Number(m.Groups[2].Value) - Number(m.Groups[1].Value);
        }
        Assert.True(Range("income") > 0.5);
        Assert.True(Range("age") > 0.3);
        Assert.True(Range("noise_1") < 0.15);
        // "the income curve is flat over the last grid points".
        var tail = Regex.Match(text, @"income\s+predicted default rate .*? at the last three grid points ([\d.]+) ([\d.]+) ([\d.]+)");
        Assert.True(tail.Success && tail.Groups[1].Value == tail.Groups[2].Value && tail.Groups[2].Value == tail.Groups[3].Value, tail.Value);
        // The GAM is as accurate as the boosted trees (here slightly more); the logistic regression well below.
        var fastTree = Number(Regex.Match(text, @"FastTree test ROC-AUC ([\d.]+)").Groups[1].Value);
        var gamAuc = Number(Regex.Match(text, @"GAM test ROC-AUC ([\d.]+)").Groups[1].Value);
        var logisticAuc = Number(Regex.Match(text, @"logistic regression test ROC-AUC ([\d.]+)").Groups[1].Value);
        Assert.InRange(gamAuc - fastTree, 0, 0.03);
        Assert.True(logisticAuc < fastTree - 0.02);

        // The GAM's shape for age is a U; the logistic regression's age weight is near zero.
        var age = Regex.Match(text, @"GAM shape of age\s*: f\(-2\) = (\S+)\s+f\(-1\) = \S+\s+f\(0\) = (\S+)\s+f\(\+1\) = \S+\s+f\(\+2\) = (\S+)");
        Assert.True(age.Success);
        Assert.True(Number(age.Groups[1].Value) > Number(age.Groups[2].Value) + 1);
        Assert.True(Number(age.Groups[3].Value) > Number(age.Groups[2].Value) + 1);
        var ageWeight = Regex.Match(text, @"weights: income (\S+), age (\S+),");
        Assert.True(Math.Abs(Number(ageWeight.Groups[2].Value)) < 0.2 && Number(ageWeight.Groups[1].Value) > 1);

        // The interpretability table says which technique this chapter demonstrates.
        Assert.Contains("| Partial Dependence | blackbox explainer | yes", File.ReadAllText(Path.Combine(RepoPaths.Notebooks, "13-feature-importance.ipynb")));
        foreach (var name in new[] { "13-permutation-importance.png", "13-partial-dependence.png" })
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", name)), $"img/{name} not written");
    }

    [Fact]
    public void ShapValuesAddUpAndMlNetContributionsDoNot()
    {
        var text = curriculum.Load("13-feature-importance.ipynb").AllText;
        double Sci(string pattern) => double.Parse(Regex.Match(text, pattern).Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        // The rebuilt ensemble is ML.NET's; TreeSHAP is the Shapley definition; the values add up (local accuracy).
        Assert.True(Sci(@"largest \|rebuilt score - ML.NET score\| on the test set ([\d.E+-]+);") < 1e-3);
        Assert.True(Sci(@"largest \|TreeSHAP - brute-force Shapley value\| ([\d.E+-]+)") < 1e-9);
        Assert.True(Sci(@"largest \|sum of SHAP values - \(score - E\[f\]\)\| ([\d.E+-]+);") < 1e-3);
        // ML.NET's contributions miss score - E[f] "by tens of units, in both directions" (and score - bias likewise).
        var gap = Regex.Match(text, @"sum of ML.NET contributions - \(score - E\[f\]\) from (-?[\d.]+) to (-?[\d.]+)");
        Assert.True(Number(gap.Groups[1].Value) < -10 && Number(gap.Groups[2].Value) > 10, gap.Value);
        var biasGap = Regex.Match(text, @"score - bias minus the sum of the contributions ranges from (-?[\d.]+) to (-?[\d.]+)");
        Assert.True(Math.Max(-Number(biasGap.Groups[1].Value), Number(biasGap.Groups[2].Value)) > 10, biasGap.Value);

        // Applicant 6000 is young: SHAP says age raises the score, ML.NET's contribution says it lowers it.
        var applicant = text[text.IndexOf("applicant 6000: score", StringComparison.Ordinal)..];
        var age = Regex.Match(applicant, @"\nage\s+(-?[\d.]+)\s+(\S+)\s+(\S+)");
        Assert.True(Number(age.Groups[1].Value) < -1.5, age.Value);
        Assert.True(Number(age.Groups[2].Value) < 0 && Number(age.Groups[3].Value) > 0, age.Value);

        // Global: SHAP ranks income, age, then tenure above every noise feature (each noise <= about a tenth of income);
        // ML.NET's contributions put age far ahead of income and the noise features near tenure.
        Dictionary<string, double> MeanAbs(string label) => Regex.Match(text, label + @": (.*)\n").Groups[1].Value.Split(", ")
            .Select(p => p.Split(' ')).ToDictionary(p => p[0], p => Number(p[1]));
        var shap = MeanAbs(@"mean \|SHAP value\| over the test set");
        var contribution = MeanAbs(@"mean \|contribution\| over the test set");
        Assert.Equal(8, shap.Count);
        Assert.Equal(8, contribution.Count);
        var noise = new[] { "noise_1", "noise_2", "noise_3", "noise_4" };
        Assert.Equal(new[] { "income", "age", "tenure" }, shap.OrderByDescending(p => p.Value).Take(3).Select(p => p.Key));
        Assert.All(noise, n => Assert.True(shap[n] < 0.13 * shap["income"], $"{n}: {shap[n]}"));
        Assert.True(contribution["age"] > 1.5 * contribution["income"], "ML.NET contributions: age far ahead of income");
        Assert.All(noise, n => Assert.True(contribution[n] > 0.6 * contribution["tenure"], $"{n}: {contribution[n]}"));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "13-shap-vs-contributions.png")));
    }

    [Fact]
    public void DiagnosticsFlagTheCampaignThatDoesNotGeneralise()
    {
        var text = curriculum.Load("13-feature-importance.ipynb").AllText;
        var rows = Regex.Matches(text, @"^(campaign|country|phone|referral)\s+([\d.]+) %\s+([\d.]+) %\s+([\d.]+) %\s*$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Coverage: Number(m.Groups[2].Value), Overlap: Number(m.Groups[3].Value)));
        Assert.Equal(4, rows.Count);
        Assert.Equal(0.0, rows["campaign"].Overlap);
        Assert.Equal(100.0, rows["country"].Overlap);
        Assert.InRange(rows["phone"].Coverage, 35, 45);
        Assert.True(rows["referral"].Coverage < 1);

        var with = Regex.Match(text, @"campaign \+ pages\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
        var without = Regex.Match(text, @"pages only\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)");
        Assert.True(with.Success && without.Success);
        double Auc(Match m, int column) => Number(m.Groups[column].Value);
        Assert.True(Auc(with, 1) > Auc(without, 1) + 0.1, "campaign helps in training");
        // "the validation AUC rises by about 0.1": a validation split inside month 1 shares the training campaigns.
        Assert.InRange(Auc(with, 2) - Auc(without, 2), 0.06, 0.16);
        // "within 0.03 of the model without it" in month 2.
        Assert.InRange(Auc(with, 3) - Auc(without, 3), -0.03, 0.03);
        Assert.True(Auc(with, 2) > Auc(with, 3) + 0.05, "month-1 validation promises more than month 2 delivers");
        // "The training AUCs are higher still, even without the campaign".
        Assert.True(Auc(with, 1) > Auc(with, 2) && Auc(without, 1) > Auc(without, 2));
    }
}
