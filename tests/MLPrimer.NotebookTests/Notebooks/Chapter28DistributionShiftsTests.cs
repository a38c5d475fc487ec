using System.Globalization;
using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter28DistributionShiftsTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("28-distribution-shifts.ipynb").AllText;

    // A row of the accuracy table: "<target>  <positives> %  <accuracy>".
    private double[] Row(string label) => Numbers(Text, "\n" + Regex.Escape(label) + @"\s+([\d.]+) %\s+([\d.]+)");

    [Fact]
    public void FeedbackLoopCollapsesAndExplorationCounters()
    {
        // columns: diversity r0, r1, r29, long tail r29, precision r29, CTR r29, score/truth slot 1, slot 8
        var naive = Numbers(Text, @"naive\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+) vs\s+([\d.]+)");
        var explore = Numbers(Text, @"exploration \(2 of 10 slots\)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+) vs\s+([\d.]+)");
        var position = Numbers(Text, @"position feature\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+) vs\s+([\d.]+)");
        Assert.True(naive[0] > 0.95, "random cold-start slates cover the catalogue");
        Assert.True(naive[2] < naive[0] / 3, $"naive diversity should collapse: {naive[0]} -> {naive[2]}");
        Assert.True(explore[2] > naive[2] + 0.05, $"exploration diversity {explore[2]} vs naive {naive[2]}");
        Assert.True(explore[3] > naive[3] + 0.05, $"exploration long-tail share {explore[3]} vs naive {naive[3]}");
        Assert.True(explore[4] > naive[4] + 0.05, $"exploration precision {explore[4]} vs naive {naive[4]}");
        Assert.True(explore[5] > naive[5], "exploration costs no clicks: its click rate is higher");
        Assert.InRange(naive[1], 0.28, 0.4);                     // one round cuts the lists to about a third of the items
        Assert.True(position[2] < naive[2], "the position feature alone does not restore diversity");
        Assert.True(position[7] > 1.2, "the corrected model over-rates its slot-8 items (winner's curse)");
        // Position bias: the naive model under-rates the low slot; the position feature removes that gradient.
        Assert.True(naive[7] < 0.5 * naive[6], $"naive slot 8 {naive[7]} vs slot 1 {naive[6]}");
        Assert.InRange(position[6], 0.8, 1.25);
        Assert.True(position[7] > naive[7] * 2);
        AssertChart(Text, "28-feedback-loop.png");
    }

    [Fact]
    public void EveryShiftMovesAccuracy()
    {
        var baseline = Row("no shift")[1];
        Assert.InRange(baseline, 0.75, 0.9);
        foreach (var (shift, drop) in new[] { ("covariate shift", 0.03), ("concept drift", 0.1), ("feature change", 0.08), ("label schema change", 0.1) })
            Assert.True(Row(shift)[1] < baseline - drop, $"{shift} should cost more than {drop}");
        Assert.InRange(Row("label shift")[0], 80, 90);     // positives, percent
    }

    [Fact]
    public void InputDetectorsSeeOnlyShiftsOfPX()
    {
        var text = Text;
        string Cells(string detector) => Regex.Match(text, Regex.Escape(detector) + @"(.*)\n").Groups[1].Value;
        bool[] Fires(string detector) => Regex.Matches(Cells(detector), @"\s(!?)-?[\d.e-]+").Select(m => m.Groups[1].Value == "!").ToArray();
        // columns: no shift, covariate, label, concept, feature change, label schema change
        foreach (var detector in new[] { "KS per feature (Bonferroni p)", "CvM per feature (Bonferroni p)", "MMD, RBF kernel (p)", "domain classifier (AUC)" })
            Assert.Equal([false, true, true, false, true, false], Fires(detector));
        Assert.True(Fires("chi-squared on c (p)")[1], "the categorical mix moved under covariate shift");
        Assert.Equal([false, false, false, true, true, true], Fires("accuracy drop (> 0.05) *"));
        Assert.True(Fires("chi-squared on labels (p) *")[5], "a new label value is visible in the labels");
        // The no-shift draw's false alarms named in the prose: PSI and the label chi-squared; chi-squared on c under label shift.
        Assert.True(Fires("PSI, worst feature (> 0.1)")[0] && Fires("chi-squared on labels (p) *")[0]);
        Assert.True(Fires("chi-squared on c (p)")[2]);
        var auc = Numbers(text, @"domain classifier \(AUC\)\s+[\d.]+\s+!([\d.]+)\s+![\d.]+\s+[\d.]+\s+!([\d.]+)");
        Assert.InRange(auc[0], 0.8, 0.88);
        Assert.InRange(auc[1], 0.87, 0.95);
    }

    [Fact]
    public void PowerGrowsWithSampleSizeAndPsiFalseAlarms()
    {
        var small = Numbers(Text, @"n =  25, power/false alarms: KS ([\d.]+)/([\d.]+)  CvM ([\d.]+)/([\d.]+)  MMD ([\d.]+)/([\d.]+)  domain ([\d.]+)/([\d.]+)  PSI ([\d.]+)/([\d.]+)");
        var large = Numbers(Text, @"n = 300, power/false alarms: KS ([\d.]+)/([\d.]+)  CvM ([\d.]+)/([\d.]+)  MMD ([\d.]+)/([\d.]+)  domain ([\d.]+)/([\d.]+)  PSI ([\d.]+)/([\d.]+)");
        for (var d = 0; d < 4; d++)
        {
            Assert.True(large[2 * d] > small[2 * d] + 0.4, $"detector {d}: power {small[2 * d]} -> {large[2 * d]}");
            Assert.True(large[2 * d + 1] <= 0.15, $"detector {d}: false alarms {large[2 * d + 1]}");
        }
        for (var d = 0; d < 4; d++) Assert.True(small[2 * d] <= 0.1, $"detector {d} at 25 rows: power {small[2 * d]}");
        Assert.True(large[2] >= large[0], "Cramér–von Mises is at least as powerful as KS at 300 rows");
        for (var d = 0; d < 4; d++) Assert.InRange(large[2 * d], 0.6, 0.9);
        Assert.Equal(1.0, small[9]);                            // PSI > 0.1 on every 25-row no-shift draw
        Assert.True(large[9] > 0.15 && large[9] < small[9]);
        AssertChart(Text, "28-detection-power.png");
    }

    [Fact]
    public void LargeWindowsDetectLate()
    {
        var delays = Regex.Matches(Text, @"window\s+(\d+): mean detection delay\s+(\d+) rows, false alarms before the drift ([\d.]+)")
            .Select(m => (Window: int.Parse(m.Groups[1].Value), Delay: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                          FalseAlarms: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal([25, 50, 100, 200, 400, 800], delays.Select(d => d.Window));
        Assert.True(delays[^1].Delay > delays[2].Delay + 300, "an 800-row window must fill before it can report");
        Assert.True(delays[0].FalseAlarms > delays[3].FalseAlarms, "many small windows false-alarm more");
        Assert.All(delays, d => Assert.InRange(d.Delay, 0, 2000));
        Assert.True(delays[0].Delay < delays[1].Delay, "the smallest windows report first");
        for (var k = 1; k <= 3; k++) Assert.InRange(delays[k].Delay, 600, 680);   // flat from 50 to 200 rows
        AssertChart(Text, "28-window-delay.png");
    }

    [Fact]
    public void RemediesRecoverAccuracy()
    {
        var text = Text;
        double Acc(string name) => Number(text, Regex.Escape(name) + @"\s+target accuracy ([\d.]+)");
        var source = Acc("source model");
        Assert.True(Acc("importance-weighted (no target labels)") > source + 0.05);
        Assert.True(Acc("retrained on 200 target labels") > source + 0.05);
        Assert.True(Acc("trained on 5,000 target labels") >= Acc("importance-weighted (no target labels)") - 0.02);
        Assert.True(Acc("fine-tuned on 200 target labels") < Acc("retrained on 200 target labels"), "fine-tuning toward the source model is worse here");
        Assert.InRange(Number(text, @"effective sample size (\d+) of 2000"), 250, 400);

        var bbse = Numbers(text, @"positives: source ([\d.]+) %, target true ([\d.]+) %, BBSE estimate ([\d.]+) %, share predicted positive by the model ([\d.]+) %");
        Assert.True(Math.Abs(bbse[2] - bbse[1]) < Math.Abs(bbse[3] - bbse[1]), "BBSE should beat the raw predicted share");
        Assert.InRange(bbse[2] - bbse[1], -6, 6);
        var label = Numbers(text, @"label-shift target accuracy: source model ([\d.]+), BBSE-corrected ([\d.]+)");
        Assert.True(label[1] > label[0] + 0.03);

        var concept = Numbers(text, @"concept drift target accuracy: source model ([\d.]+), retrained on old \+ 200 new rows ([\d.]+), fine-tuned on 200 new ([\d.]+), retrained on 200 new only ([\d.]+)");
        Assert.True(concept[3] > concept[0] + 0.1);
        Assert.True(concept[3] > concept[1]);
        Assert.True(concept[1] - concept[0] < 0.05, "mixing 200 new rows into 2,000 old ones barely helps");
        Assert.True(concept[2] > concept[1] && concept[2] < concept[3], "fine-tuning lands between");
    }

    [Fact]
    public void DashboardAlertsOnTheIncidents()
    {
        var text = Text;
        Assert.Equal(15, Number(text, @"PSI x3\s+first alert on day (\d+)"));
        var x0 = Number(text, @"PSI x0\s+first alert on day (\d+)");
        Assert.InRange(x0, 29, 33);                               // about six days after the drift starts on day 25
        Assert.Equal(18, Number(text, @"accuracy \(3-day-late labels\)\s+first alert on day (\d+)"));   // labels of day 15
        Assert.Contains("positive-prediction rate       no alert", text);
        AssertChart(text, "28-monitoring-dashboard.png");
    }

    [Fact]
    public void PrometheusScrapesTheServerAndTheAlertFiresOnTheDrift()
    {
        var text = Text;
        var threshold = Number(text, @"alert threshold ([\d.]+)");
        Assert.InRange(Number(text, @"largest \|server score - notebook score\|: ([\d.E+-]+)"), 0, 1e-4);
        Assert.True(Number(text, @"Prometheus scraped the server (\d+) times") >= 30, "a 1 s scrape interval over a 45 s replay");
        Assert.True(Number(text, @"median over the replay: ([\d.]+) requests/s") > 5);
        var latency = Numbers(text, @"latency p50 ([\d.]+) ms, p99 ([\d.]+) ms");
        Assert.True(latency[1] >= latency[0]);
        var shares = Numbers(text, @"confident share: ([\d.]+) before the drift, ([\d.]+) at the end; positive share: ([\d.]+) before, ([\d.]+) at the end");
        Assert.InRange(shares[0], 0.25, 0.45);                   // about a third, below the threshold
        Assert.True(shares[0] < threshold && shares[1] > 0.8, $"confident share {shares[0]} -> {shares[1]}, threshold {threshold}");
        Assert.True(Math.Abs(shares[2] - shares[3]) < 0.1, "the positive-prediction share stays flat");
        var fired = Number(text, @"alert PredictionScoresPolarized fired (\d+) s after the drift began; firing before the drift: False");
        Assert.InRange(fired, 1, 22);
        Assert.Matches(@"alerts reported by /api/v1/alerts at the end of the replay: PredictionScoresPolarized firing", text);
        Assert.Contains("after the block: model server running False, Prometheus running False, Prometheus folder exists False", text);
        AssertChart(text, "28-prometheus-dashboard.png");
    }

    [Fact]
    public void NothingIsLeftRunningAfterTheNotebook()
    {
        var pids = Numbers(Text, @"model server \(pid (\d+)\) at \S+; Prometheus \(pid (\d+)\)");
        foreach (var pid in pids) Assert.False(ProcessCheck.IsRunning((int)pid, "prometheus", "ModelServer"), $"pid {pid} still runs");
    }

    [Fact]
    public void BucketBasedAccuracyShowsWhereTheLoopHurts()
    {
        var text = Text;
        Assert.Contains("bottom 20% 0", text);                  // no ideal-list item is among the least popular fifth
        double[] Recall(string model) => Numbers(text, "\n" + Regex.Escape(model) + @"\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+-\s+([\d.]+)");
        var naive = Recall("naive");
        var explore = Recall("exploration (2 of 10 slots)");
        for (var b = 1; b < 4; b++) Assert.True(naive[b] <= naive[b - 1], $"naive recall should fall with popularity: {string.Join(", ", naive)}");
        Assert.True(naive[3] < naive[0] / 2);
        for (var b = 0; b < 5; b++) Assert.True(explore[b] > naive[b], $"exploration raises bucket {b}");
        // The overall column is the precision vs ideal of the loop table (the same count over 200 ideal items).
        var loop = Numbers(text, @"\nnaive\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)");
        Assert.Equal(loop[0], naive[4], 2);
    }

    [Fact]
    public void PerFeatureKsMissesACorrelationShiftThatReduceThenTestCatches()
    {
        var text = Text;
        double[] Row(string name) => Numbers(text, Regex.Escape(name) + @"\s+([\d.]+)\s+([\d.]+)");
        var ks = Row("KS per feature (Bonferroni over 50)");
        var pca = Row("PCA to 2 components, then KS (Bonferroni over 2)");
        var mmd = Row("MMD on all 50 features");
        Assert.True(ks[0] <= 0.1, $"per-feature KS power {ks[0]}: chance level, the marginals did not move");
        Assert.Equal(1.0, pca[0]);
        Assert.Equal(1.0, mmd[0]);
        Assert.All(new[] { ks[1], pca[1], mmd[1] }, f => Assert.True(f <= 0.1, $"false alarms {f}"));
    }

    [Fact]
    public void DroppingTheUnstableFeatureTradesAccuracyForRobustness()
    {
        var text = Text;
        var full = Numbers(text, @"all four features\s+([\d.]+)\s+([\d.]+)");
        var without = Numbers(text, @"without x3\s+([\d.]+)\s+([\d.]+)");
        Assert.InRange(full[0] - without[0], 0.03, 0.08);        // about five points on source data
        Assert.True(Math.Abs(without[0] - without[1]) < 0.01, "immune to x3's units");
        Assert.True(full[1] < without[1] - 0.04, "the full model falls below the one without x3");
    }
}
