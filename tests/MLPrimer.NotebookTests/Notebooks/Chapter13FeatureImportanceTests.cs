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

        var with = Regex.Match(text, @"campaign \+ pages\s+([\d.]+)\s+([\d.]+)");
        var without = Regex.Match(text, @"pages only\s+([\d.]+)\s+([\d.]+)");
        Assert.True(Number(with.Groups[1].Value) > Number(without.Groups[1].Value) + 0.1, "campaign helps in training");
        Assert.InRange(Number(with.Groups[2].Value) - Number(without.Groups[2].Value), -0.05, 0.03);
    }
}
