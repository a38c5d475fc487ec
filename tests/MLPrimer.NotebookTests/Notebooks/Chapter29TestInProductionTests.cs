using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter29TestInProductionTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("29-test-in-production.ipynb").AllText;

    [Fact]
    public void DriftMakesAnUnretrainedModelDecay()
    {
        var text = Text;
        var day7 = Number(text, @"day  7: accuracy ([\d.]+)");
        var day30 = Number(text, @"day 30: accuracy ([\d.]+)");
        var day59 = Number(text, @"day 59: accuracy ([\d.]+)");
        Assert.InRange(day7, 0.85, 0.95);                 // 5% label noise caps accuracy at 0.95
        Assert.InRange(day30, 0.35, 0.65);                // boundary turned 90°: a coin flip
        Assert.True(day59 < 0.3, $"day 59 accuracy {day59}: the boundary has nearly flipped");
    }

    [Fact]
    public void ShadowComparisonSeparatesTheGoodAndTheSkewedChallenger()
    {
        var text = Text;
        var champion = Number(text, @"users were served the champion \(accuracy ([\d.]+)\)");
        var good = Numbers(text, @"retrained\s+([\d.]+)\s+[\d.]+\s+(\d+)\s+(\d+)\s+([\d.E+-]+)\n");
        var skewed = Numbers(text, @"retrained \+ skewed feature\s+([\d.]+)\s+[\d.]+\s+(\d+)\s+(\d+)\s+([\d.E+-]+)");
        Assert.True(good[0] > champion + 0.1, $"retrained {good[0]} vs champion {champion}");
        Assert.True(good[2] > good[1] && good[3] < 1e-6);
        Assert.True(skewed[0] < champion - 0.1, $"skewed {skewed[0]} vs champion {champion}");
        Assert.True(skewed[1] > skewed[2] && skewed[3] < 1e-6);
        // The exact McNemar p is 2·P(Binomial(n, 1/2) ≤ min): recompute it from the printed discordant counts.
        var n = (int)(good[1] + good[2]);
        var p = Math.Min(1, 2 * MathNet.Numerics.Distributions.Binomial.CDF(0.5, n, Math.Min(good[1], good[2])));
        Assert.Equal(p, good[3], p * 0.01);
        // The challengers never answered a user; the server's label-free disagreement counter equals 1,000 × (1 − agreement) from the log.
        Assert.Contains("200 shadow-log lines; versions that answered users: v1; server still running: False", text);
        var agreement = Numbers(text, @"retrained\s+[\d.]+\s+([\d.]+)\s+\d+\s+\d+\s+[\d.E+-]+\n");
        var skewedAgreement = Numbers(text, @"retrained \+ skewed feature\s+[\d.]+\s+([\d.]+)");
        var counters = Numbers(text, @"shadow disagreements v2 (\d+), v3 (\d+), copies dropped (\d+)");
        Assert.Equal(Math.Round(1000 * (1 - agreement[0])), counters[0]);
        Assert.Equal(Math.Round(1000 * (1 - skewedAgreement[0])), counters[1]);
        Assert.Equal(0, counters[2]);
    }

    [Fact]
    public void TheServersCanaryRuleRollsBackTheBrokenModel()
    {
        var text = Text;
        var canary = Numbers(text, @"canary v4 at 10%: ended by the server's rule after (\d+) requests, (\d+) of which reached v4 and failed \(HTTP 500\); canary still set: False; modelserver_canary_rollbacks_total\{reason=""error_rate""\} = (\d+)");
        Assert.Equal(20, canary[1]);                                // --canary-min-requests 20, every one of them failed
        Assert.InRange(canary[0], 150, 250);                         // "about a tenth of the ~200 served meanwhile" (10% share)
        Assert.Equal(1, canary[2]);
        Assert.Matches(@"after the block: model servers \(pids \d+, \d+\) running False", text);
    }

    [Fact]
    public void NoModelServerIsLeftRunningAfterTheNotebook()
    {
        var pids = Numbers(Text, @"model servers \(pids (\d+), (\d+)\)");
        foreach (var pid in pids) Assert.False(ProcessCheck.IsRunning((int)pid, "ModelServer"), $"model server pid {pid} still runs");
    }

    [Fact]
    public void InversePropensityScoringRecoversTheMeasuredClickRate()
    {
        var text = Text;
        foreach (var (day, percent) in new[] { (20, 0.10), (30, 0.25), (40, 0.50) })
        {
            var row = Numbers(text, $@"\n *{day} +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+)\n");
            Assert.Equal(percent, row[1], 3);                       // the propensity the server reported
            Assert.InRange(row[0], percent - 0.03, percent + 0.03);  // the logged share matches it
        }
        var v2Rates = new[] { 20, 30, 40 }.Select(d => Numbers(text, $@"\n *{d} +[\d.]+ +[\d.]+ +([\d.]+)")[0]).ToArray();
        Assert.True(v2Rates[0] > v2Rates[1] && v2Rates[1] > v2Rates[2], "v2's click rate falls with the drift");
        double[] Estimates(string version) => Numbers(text, $@"\n *{version} +([\d.]+) +([\d.]+) ± ([\d.]+) +([\d.]+) ± ([\d.]+) +([\d.]+) +(-?[\d.]+)");
        var v1 = Estimates("v1");
        var v2 = Estimates("v2");
        foreach (var e in new[] { v1, v2 })
        {
            Assert.True(Math.Abs(e[1] - e[5]) < e[2], $"IPS {e[1]} ± {e[2]} vs measured {e[5]}: within one standard error");
            Assert.InRange(e[6], -1, 1);                             // the printed z, from the unrounded values
            Assert.True(Math.Abs(e[3] - e[5]) <= Math.Abs(e[1] - e[5]) + 1e-9, "self-normalised is at least as close");
        }
        Assert.True(v2[0] < v2[5] - 0.05, $"v2 naive {v2[0]} vs measured {v2[5]}");
        Assert.True(v1[0] > v1[5], $"v1 naive {v1[0]} vs measured {v1[5]}: off the other way");
        Assert.True(v2[4] < 0.6 * v2[2], "self-normalised has about half the standard error for v2");
        Assert.InRange(v2[0], 0.64, 0.68);
        Assert.InRange(v2[5], 0.72, 0.76);
    }

    [Fact]
    public void CanaryCatchesTheBrokenModelAndFalseAlarmsFallWithTheGuard()
    {
        var text = Text;
        Assert.Contains("broken (30%)                   100.0%          50", text);
        var better = Number(text, @"better \(8% errors\)\s+([\d.]+)%");
        var same = Number(text, @"same as champion \(10%\)\s+([\d.]+)%");
        var worse = Number(text, @"slightly worse \(12%\)\s+([\d.]+)%");
        Assert.True(better < same && same < worse, $"rollback rates {better}, {same}, {worse} should rise with the error rate");
        var caught = Numbers(text, @"caught after at most (\d+) canary requests .* wrong answers it served: about (\d+), against (\d+) extra");
        Assert.InRange(caught[0], 50, 200);
        Assert.True(caught[1] < 100 && caught[2] == 20000);
        Assert.InRange(caught[1], 10, 25);                          // "about fifteen wrong answers"
        Assert.InRange(better, 5, 15);                              // "the better model in 9% of rollouts"
        Assert.InRange(same, 20, 33);                               // "a model as good as the champion in a quarter"
        // Larger guards: fewer false rollbacks of the same-quality model, the broken one still always caught.
        var rows = Regex.Matches(text, @"\n +(\d+) +([\d.]+) % +([\d.]+) % +([\d.]+) % +([\d.]+) %")
            .Select(m => m.Groups.Cast<Group>().Skip(1).Select(g => double.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal([10.0, 30, 100, 300, 1000], rows.Select(r => r[0]));
        for (var i = 1; i < rows.Length; i++) Assert.True(rows[i][2] <= rows[i - 1][2]);
        Assert.All(rows, r => Assert.Equal(100.0, r[4]));
        Assert.True(rows[0][2] > 40 && rows[^1][2] < 2);
        Assert.True(rows[^1][3] < 2, "with a 1,000-request guard the slightly worse model is no longer caught");
    }

    [Fact]
    public void InterleavingNeedsFewerUsersThanAnAbTest()
    {
        var rows = Regex.Matches(Text, @"\n *(\d+) +([\d.]+) +([\d.]+)(?=\n)")
            .Select(m => (Users: int.Parse(m.Groups[1].Value), Ab: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                          Interleaving: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(r => r.Users is 50 or 100 or 200 or 400 or 800 or 1600 or 3200 or 6400).ToArray();
        Assert.Equal(8, rows.Length);
        Assert.All(rows, r => Assert.True(r.Interleaving >= r.Ab, $"{r.Users} users: interleaving {r.Interleaving} vs A/B {r.Ab}"));
        int UsersFor(Func<(int Users, double Ab, double Interleaving), double> power) => rows.First(r => power(r) >= 0.75).Users;
        Assert.True(UsersFor(r => r.Ab) >= 3 * UsersFor(r => r.Interleaving), "interleaving should need at least 3x fewer users for 75% power");
        Assert.InRange(rows.Single(r => r.Users == 800).Interleaving, 0.7, 0.9);   // "about 80% of experiments with 800 users"
        Assert.InRange(rows.Single(r => r.Users == 3200).Ab, 0.7, 0.9);           // "the A/B test needs about 3,200"
        AssertChart(Text, "29-interleaving-power.png");
    }

    [Fact]
    public void ThompsonSamplingHasTheLowestRegretAndTheAbTestPaysForExploring()
    {
        var text = Text;
        double Regret(string name) => Number(text, Regex.Escape(name) + @"\s+([\d.]+) ±");
        var etc = Regret("explore-then-commit (A/B test)");
        var thompson = Regret("Thompson sampling");
        Assert.InRange(etc, 140, 160);                    // 1,000 × (0.05 + 0.04 + 0.03 + 0.02) = 140 during the test, little after
        Assert.True(thompson < Regret("epsilon-greedy (0.1)") && thompson < etc && thompson < Regret("UCB1"));
        Assert.True(thompson < etc / 2 && Regret("UCB1") > etc, "Thompson loses less than half the A/B test's clicks, untuned UCB1 more");
        double Spread(string name) => Number(text, Regex.Escape(name) + @"\s+[\d.]+ ± +([\d.]+)");
        Assert.True(Spread("epsilon-greedy (0.1)") > 2 * Math.Max(Spread("Thompson sampling"), Math.Max(Spread("UCB1"), Spread("explore-then-commit (A/B test)"))));
        double LateBest(string name) => Number(text, Regex.Escape(name) + @"\s+[\d.]+ ± +[\d.]+\s+([\d.]+) %");
        Assert.True(LateBest("UCB1") < new[] { "explore-then-commit (A/B test)", "epsilon-greedy (0.1)", "Thompson sampling" }.Min(LateBest), "UCB1 keeps exploring longest");
        AssertChart(text, "29-bandit-regret.png");
    }

    [Fact]
    public void LinUcbLearnsPerUserPreferences()
    {
        var text = Text;
        var gap = Number(text, @"regret per user of always showing the best single article: ([\d.]+)");
        Assert.InRange(gap, 0.13, 0.15);                  // 15/16 of users gain 0.35 - 0.20; hand value 0.1406
        var lin = Numbers(text, @"LinUCB \(alpha 0.5\)\s+regret after 5,000:\s+([\d.]+); per user over the last 1,000: ([\d.]+)");
        var ucb = Numbers(text, @"UCB1 \(no context\)\s+regret after 5,000:\s+([\d.]+); per user over the last 1,000: ([\d.]+)");
        Assert.True(lin[1] < 0.02, $"LinUCB late regret per user {lin[1]}");
        Assert.InRange(ucb[1], gap - 0.02, gap + 0.02);    // the non-contextual bandit pays the gap forever
        var thompson = Numbers(text, @"Thompson sampling \(no context\)\s+regret after 5,000:\s+([\d.]+); per user over the last 1,000: ([\d.]+)");
        Assert.InRange(thompson[1], gap - 0.02, gap + 0.02);
        Assert.True(Math.Abs(thompson[0] - ucb[0]) < 0.05 * ucb[0], "the two context-free curves coincide");
        Assert.InRange(ucb[0], 0.9 * gap * 5000, 1.1 * gap * 5000); // on the gap × t line
        Assert.True(lin[0] * 5 < ucb[0]);
        AssertChart(text, "29-linucb-regret.png");
    }

    [Fact]
    public void ChampionChallengerGateBlocksTheBadExport()
    {
        var text = Text;
        var window = Numbers(text, @"days 31-40: always ship ([\d.]+), gated ([\d.]+)");
        var worst = Numbers(text, @"worst day: always ship ([\d.]+), gated ([\d.]+)");
        var ordinary = Numbers(text, @"days the bug did not reach: always ship ([\d.]+), gated ([\d.]+)");
        Assert.True(window[1] > window[0] + 0.15);
        Assert.True(worst[0] < 0.3 && worst[1] > 0.75);
        Assert.True(Math.Abs(ordinary[0] - ordinary[1]) < 0.01);
        Assert.Matches(@"rejected after days [\d, ]*\b32, 33, 34, 35\b", text);
        AssertChart(text, "29-champion-challenger.png");
    }

    [Fact]
    public void StatefulTrainingIsCheaperAndRetrainingIntervalCostsAccuracy()
    {
        var text = Text;
        var daily = Numbers(text, @"stateless ([\d.]+), stateful ([\d.]+), never retrained ([\d.]+)");
        Assert.True(daily[0] > daily[2] + 0.3 && daily[1] > daily[2] + 0.3);
        Assert.True(daily[1] > daily[0], "the stateful model is slightly more accurate");
        Assert.Contains("examples processed: stateless 680,000, stateful 44,000", text);   // 7·500·5 + 53·2,500·5; 17,500 + 53·500
        var rows = Regex.Matches(text, @"\n +(\d+) +(0\.\d+) +(0\.\d+) +([\d,]+) +([\d,]+)")
            .Select(m => (K: int.Parse(m.Groups[1].Value), Stateless: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                          Stateful: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal([1, 2, 3, 5, 7, 10, 15, 25], rows.Select(r => r.K));
        for (var i = 1; i < rows.Length; i++)
            Assert.True(rows[i].Stateless < rows[i - 1].Stateless && rows[i].Stateful < rows[i - 1].Stateful, "accuracy should fall with the interval");
        Assert.True(rows[0].Stateful > rows[0].Stateless && rows[^1].Stateless > rows[^1].Stateful, "the strategies should cross");
        Assert.All(rows.Where(r => r.K <= 3), r => Assert.True(r.Stateful > r.Stateless));
        Assert.All(rows.Where(r => r.K >= 7), r => Assert.True(r.Stateless > r.Stateful, "from about a week on, from scratch is better"));
        Assert.InRange(rows[0].Stateless - rows[^1].Stateless, 0.14, 0.2);   // "17 (stateless) ...
        Assert.InRange(rows[0].Stateful - rows[^1].Stateful, 0.24, 0.31);    // ... to 28 (stateful) points"
        AssertChart(text, "29-stateless-vs-stateful.png");
        AssertChart(text, "29-retraining-interval.png");
    }
}
