using MLPrimer.Production;

namespace MLPrimer.Tests.Production;

public class BanditTests
{
    [Fact]
    public void Ucb1PlaysEachArmOnceThenFollowsTheHandComputedIndices()
    {
        var ucb = new Ucb1(2);
        Assert.Equal(0, ucb.SelectArm());             // both indices +∞: lowest arm
        ucb.Update(0, 1);
        Assert.Equal(double.PositiveInfinity, ucb.Index(1));
        Assert.Equal(1, ucb.SelectArm());             // the unplayed arm
        ucb.Update(1, 0);
        ucb.Update(0, 0);
        // t = 3; arm 0: n = 2, mean 0.5 → 0.5 + sqrt(2 ln 3 / 2) = 0.5 + sqrt(1.0986123) = 1.5481470
        //        arm 1: n = 1, mean 0   → 0 + sqrt(2 ln 3)          = sqrt(2.1972246)        = 1.4823038
        Assert.Equal(3, ucb.Rounds);
        Assert.Equal(1.5481470, ucb.Index(0), 6);
        Assert.Equal(1.4823038, ucb.Index(1), 6);
        Assert.Equal(0, ucb.SelectArm());
        // One more failure on arm 0: t = 4, mean 1/3, n = 3 → 1/3 + sqrt(2 ln 4 / 3) = 0.3333333 + 0.9613513 = 1.2946846;
        // arm 1: sqrt(2 ln 4) = 1.6651092, so arm 1 is played next.
        ucb.Update(0, 0);
        Assert.Equal(1.2946846, ucb.Index(0), 6);
        Assert.Equal(1.6651092, ucb.Index(1), 6);
        Assert.Equal(1, ucb.SelectArm());
    }

    [Fact]
    public void ThompsonPosteriorCountsSuccessesAndFailures()
    {
        var ts = new ThompsonSampling(2, seed: 1);
        ts.Update(0, 1);
        ts.Update(0, 1);
        ts.Update(0, 0);
        ts.Update(1, 0.25);                           // a fractional reward splits between α and β
        // Beta(1, 1) prior: arm 0 → Beta(1 + 2, 1 + 1) = Beta(3, 2); arm 1 → Beta(1.25, 1.75)
        Assert.Equal(new[] { 3.0, 1.25 }, ts.Alpha);
        Assert.Equal(new[] { 2.0, 1.75 }, ts.Beta);
        Assert.Equal(0.6, ts.PosteriorMean(0), 12);
        Assert.Equal(1.25 / 3, ts.PosteriorMean(1), 12);

        var informed = new ThompsonSampling(1, priorAlpha: 2, priorBeta: 5);
        informed.Update(0, 1);
        Assert.Equal(3.0, informed.Alpha[0]);
        Assert.Equal(5.0, informed.Beta[0]);
    }

    [Fact]
    public void ThompsonDrawsFollowThePosterior()
    {
        // Posteriors Beta(3, 2) and Beta(2, 3): arm 0 is drawn larger with probability
        // ∫ 12x²(1-x) · F(x) dx, F(x) = 6x² - 8x³ + 3x⁴ the Beta(2, 3) CDF, = 53/70 = 0.7571 (scipy.integrate.quad agrees).
        var ts = new ThompsonSampling(2, seed: 7);
        ts.Update(0, 1); ts.Update(0, 1); ts.Update(0, 0);
        ts.Update(1, 1); ts.Update(1, 0); ts.Update(1, 0);
        var n = 20000;
        var first = 0;
        for (var i = 0; i < n; i++) first += ts.SelectArm() == 0 ? 1 : 0;
        Assert.InRange(first / (double)n, 0.745, 0.77);
    }

    [Fact]
    public void EpsilonGreedyTracksMeansAndExploresAtRateEpsilon()
    {
        var greedy = new EpsilonGreedy(3, epsilon: 0);
        greedy.Update(1, 1);
        greedy.Update(1, 0);
        greedy.Update(2, 0.4);
        Assert.Equal(new[] { 0.0, 0.5, 0.4 }, greedy.Means);
        Assert.Equal(new[] { 0, 2, 1 }, greedy.Counts);
        Assert.Equal(1, greedy.SelectArm());

        // ε = 0.3 over 3 arms: the greedy arm is played with probability 0.7 + 0.3/3 = 0.8.
        var explorer = new EpsilonGreedy(3, epsilon: 0.3, seed: 5);
        explorer.Update(1, 1);
        var n = 20000;
        var share = Enumerable.Range(0, n).Count(_ => explorer.SelectArm() == 1) / (double)n;
        Assert.InRange(share, 0.79, 0.81);
    }

    public static TheoryData<string> Policies => new() { "epsilon-greedy", "ucb1", "thompson" };

    [Theory]
    [MemberData(nameof(Policies))]
    public void BanditsConcentrateOnTheBestArm(string name)
    {
        IBandit bandit = name switch
        {
            "epsilon-greedy" => new EpsilonGreedy(3, 0.1, seed: 3),
            "ucb1" => new Ucb1(3),
            _ => new ThompsonSampling(3, seed: 3),
        };
        double[] rates = [0.2, 0.5, 0.8];
        var rng = new Random(11);
        var pulls = new int[3];
        for (var t = 0; t < 3000; t++)
        {
            var arm = bandit.SelectArm();
            pulls[arm]++;
            bandit.Update(arm, rng.NextDouble() < rates[arm] ? 1 : 0);
        }
        Assert.True(pulls[2] > 0.8 * 3000, $"{name} played the best arm {pulls[2]} of 3000 times");
    }
}
