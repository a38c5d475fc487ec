using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter02DataEngineeringTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("02-data-engineering.ipynb").AllText;

    [Fact]
    public void ConvenienceSampleIsBiasedAndRandomSampleIsNot()
    {
        var text = Text;
        var truth = Number(text, @"true mean spend ([\d.]+)");
        var row = Numbers(text, @"\n\s+5000\s+([\d.]+)\s+([\d.]+)\n");
        Assert.True(row[0] - truth > 5, $"convenience mean {row[0]} should overstate the true mean {truth}");
        Assert.True(Math.Abs(row[1] - truth) < Math.Abs(row[0] - truth), "the simple random sample should be closer");
    }

    [Fact]
    public void StratifyingShrinksTheVarianceWithoutBias()
    {
        var text = Text;
        var truth = Number(text, @"true mean spend ([\d.]+)");
        Assert.Contains("stratified sample of 500: 400 free, 76 pro, 24 enterprise", text);   // 80.1%, 15.1%, 4.8% of 500
        var simple = Numbers(text, @"simple\s+([\d.]+)\s+([\d.]+)");
        var stratified = Numbers(text, @"stratified\s+([\d.]+)\s+([\d.]+)");
        Assert.InRange(simple[0], truth - 0.5, truth + 0.5);           // sd of a mean over 2000 runs ≈ 4.3 / √2000 ≈ 0.1
        Assert.InRange(stratified[0], truth - 0.5, truth + 0.5);
        Assert.InRange(Number(text, @"variance ratio simple/stratified: ([\d.]+)"), 3, 20);
        AssertChart(text, "02-stratified-vs-simple.png");
    }

    [Fact]
    public void WeightedSampleIsTiltedAndReweightingUndoesIt()
    {
        var text = Text;
        var truth = Number(text, @"true mean spend ([\d.]+)");
        var shares = Numbers(text, @"free ([\d.]+)%, pro ([\d.]+)%, enterprise ([\d.]+)%");
        Assert.All(shares, s => Assert.InRange(s, 30, 37));
        var n = Numbers(text, @"plain mean of the weighted sample ([\d.]+), reweighted by 1/w ([\d.]+)");
        Assert.True(n[0] > 3 * truth);
        Assert.InRange(n[1], 0.9 * truth, 1.1 * truth);
    }

    [Fact]
    public void ReservoirSamplingIsUniformAndTheShortcutIsNot()
    {
        var text = Text;
        var r = Numbers(text, @"inclusion probability min ([\d.]+), max ([\d.]+), expected k/n = 0.0100; chi-square p = ([\d.]+)");
        Assert.InRange(r[0], 0.007, 0.01);
        Assert.InRange(r[1], 0.01, 0.013);
        Assert.True(r[2] > 0.001, $"chi-square p {r[2]}");
        var first = Numbers(text, @"first 500 in the final reservoir, on average: Algorithm R ([\d.]+), shortcut ([\d.]+)");
        Assert.InRange(first[0], 4.8, 5.2);                            // 500 · k/n = 5
        Assert.True(first[1] < 0.01);
        Assert.True(Number(text, @"last 20 in the final reservoir, on average:   Algorithm R [\d.]+, shortcut ([\d.]+)") > 5);
        for (var w = 1; w <= 4; w++)
            Assert.InRange(Number(text, $@"weight {w}: chosen ([\d.]+) of the time"), w / 10.0 - 0.01, w / 10.0 + 0.01);
        AssertChart(text, "02-reservoir-inclusion.png");
    }

    [Fact]
    public void AShiftedProposalCutsTheErrorOfARareEventEstimate()
    {
        var text = Text;
        Assert.Contains("exact P(X > 3) = 1.350E-003", text);
        double RelativeSd(int mu) => Numbers(text, $@"N\({mu}, 1\)\s+([\d.]+)E-003\s+[\d.]+E-00\d\s+([\d.]+)")[1];
        double Mean(int mu) => Numbers(text, $@"N\({mu}, 1\)\s+([\d.]+)E-003")[0];
        for (var mu = 1; mu <= 5; mu++) Assert.InRange(Mean(mu), 1.30, 1.40);    // unbiased for every proposal
        Assert.True(RelativeSd(0) > 5 * RelativeSd(3), "the proposal at the event should beat plain sampling");
        Assert.True(RelativeSd(5) > RelativeSd(3), "overshooting should cost precision");
        Assert.True(Number(text, @"N\(3, 1\)\s+\S+\s+\S+\s+\S+\s+([\d.]+)\n") < 100, "ESS should collapse under a far proposal");
        AssertChart(text, "02-importance-sampling.png");
    }

    [Fact]
    public void PipelineRejectsTheBadBatchAndIsDeterministic()
    {
        var text = Text;
        Assert.Contains("wine-2024-06-02.csv: batch rejected, 5 problem(s)", text);
        Assert.Contains("row 0: magnesium = 0.127 outside [60, 180]", text);
        Assert.Contains("row 49: color_intensity = '' is not a number", text);
        Assert.Contains("row 99: label '3' not in {0, 1, 2}", text);
        var runs = System.Text.RegularExpressions.Regex.Matches(text, @"wine-2024-06-01\.csv: registered version (\w+), accuracy ([\d.]+), macro F1 [\d.]+, predictions (\w+)");
        Assert.Equal(2, runs.Count);
        Assert.Equal(runs[0].Value, runs[1].Value);                      // same version, metrics and prediction hash
        Assert.InRange(double.Parse(runs[0].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0.9, 1.0);
        Assert.Contains("models in the registry: 1", text);
        var card = File.ReadAllText(Path.Combine(RepoPaths.Notebooks, "output", "registry", runs[0].Groups[1].Value, "card.txt"));
        Assert.Contains($"predictions {runs[0].Groups[3].Value}", card);
    }

    [Fact]
    public void QueueDeliversOnceAndPubSubDeliversToEveryone()
    {
        var text = Text;
        Assert.Contains("(total 200)", text);
        var rr = Number(text, @"request/response: the app waited (\d+) ms for 200 calls");
        Assert.True(rr >= 300, "200 calls of about 2 ms or more each");
        Assert.Matches(@"queue:  consumers received \d+ \+ \d+ \+ \d+ = 300000 deliveries, 300000 distinct messages", text);
        Assert.Contains("pubsub: subscribers received 300000 + 300000 + 300000 = 900000 deliveries, every subscriber saw every message in order: True", text);
    }

    [Fact]
    public void TheDatabaseSharesStateAndTheIndexChangesThePlan()
    {
        var text = Text;
        Assert.Contains("rows visible to the reader: 20000", text);
        Assert.Contains("no index:   plan 'SCAN user_features'", text);
        Assert.Contains("with index: plan 'SEARCH user_features USING INDEX ix_user (user_id=?)'", text);
        Assert.Contains("(20000 of 20000 found)", text);
    }
}
