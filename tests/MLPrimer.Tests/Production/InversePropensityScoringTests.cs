using MLPrimer.Production;

namespace MLPrimer.Tests.Production;

public class InversePropensityScoringTests
{
    // Four logged rows: rewards 1, 0, 1, 1; logging propensities 0.5, 0.5, 0.25, 1; the target policy takes the logged
    // action in the first three rows (probability 1) and never in the last (0).
    private static readonly double[] Rewards = [1, 0, 1, 1], Propensities = [0.5, 0.5, 0.25, 1], Target = [1, 1, 1, 0];

    [Fact]
    public void IpsMatchesTheHandCalculation()
    {
        // terms r·π/p = 2, 0, 4, 0: mean 1.5; deviations 0.5, -1.5, 2.5, -1.5, squares sum 11, sample variance 11/3,
        // standard error sqrt(11/3 / 4) = 0.95743; weights 2, 2, 4, 0: effective sample size 8²/24 = 2.6667.
        var e = InversePropensityScoring.Estimate(Rewards, Propensities, Target);
        Assert.Equal(1.5, e.Value, 12);
        Assert.Equal(Math.Sqrt(11.0 / 3 / 4), e.StandardError, 12);
        Assert.Equal(4, e.Count);
        Assert.Equal(64.0 / 24, e.EffectiveSampleSize, 12);
        var (lower, upper) = e.ConfidenceInterval(2);
        Assert.Equal(1.5 - 2 * e.StandardError, lower, 12);
        Assert.Equal(1.5 + 2 * e.StandardError, upper, 12);
    }

    [Fact]
    public void SelfNormalizedMatchesTheHandCalculation()
    {
        // Σw·r = 2 + 0 + 4 = 6, Σw = 8: 0.75. Delta-method spread Σw²(r - 0.75)² = 4·0.0625 + 4·0.5625 + 16·0.0625 = 3.5.
        var e = InversePropensityScoring.SelfNormalized(Rewards, Propensities, Target);
        Assert.Equal(0.75, e.Value, 12);
        Assert.Equal(Math.Sqrt(3.5) / 8, e.StandardError, 12);
    }

    [Fact]
    public void IpsRecoversATargetPolicysRateFromAnotherPolicysLog()
    {
        // Two versions; a user of type t (0 or 1, equally likely) clicks version v with probability rate[v, t]. The logging
        // policy sends type-0 users to version 1 with probability 0.1 and type-1 users with probability 0.6, so the naive
        // mean of version 1's logged clicks over-weights type 1. The truth for "version 1 for everyone" is the plain
        // average of its two rates: (0.3 + 0.7) / 2 = 0.5.
        double[,] rate = { { 0.2, 0.4 }, { 0.3, 0.7 } };
        double[] toVersion1 = [0.1, 0.6];
        var rng = new Random(7);
        var rewards = new List<double>(); var propensities = new List<double>(); var target = new List<double>();
        var naive = new List<double>();
        for (var i = 0; i < 40_000; i++)
        {
            var type = rng.Next(2);
            var version = rng.NextDouble() < toVersion1[type] ? 1 : 0;
            var click = rng.NextDouble() < rate[version, type] ? 1.0 : 0.0;
            rewards.Add(click);
            propensities.Add(version == 1 ? toVersion1[type] : 1 - toVersion1[type]);
            target.Add(version == 1 ? 1 : 0);
            if (version == 1) naive.Add(click);
        }
        var ips = InversePropensityScoring.Estimate(rewards, propensities, target);
        var snips = InversePropensityScoring.SelfNormalized(rewards, propensities, target);
        Assert.InRange(0.5, ips.Value - 4 * ips.StandardError, ips.Value + 4 * ips.StandardError);
        Assert.InRange(0.5, snips.Value - 4 * snips.StandardError, snips.Value + 4 * snips.StandardError);
        // The naive mean is near (0.05·0.3 + 0.3·0.7) / 0.35 = 0.643, far from 0.5.
        Assert.InRange(naive.Average(), 0.62, 0.67);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        void Fails(string parameter, Action action) => Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(action).ParamName);
        Fails("rewards", () => InversePropensityScoring.Estimate([], [], []));
        Fails("propensities", () => InversePropensityScoring.Estimate([1, 0], [0.5], [1, 1]));
        Fails("propensities", () => InversePropensityScoring.Estimate([1], [0], [1]));
        Fails("propensities", () => InversePropensityScoring.Estimate([1], [1.5], [1]));
        Fails("targetProbabilities", () => InversePropensityScoring.Estimate([1], [0.5], [2]));
        Fails("rewards", () => InversePropensityScoring.Estimate([double.NaN], [0.5], [1]));
        Fails("targetProbabilities", () => InversePropensityScoring.SelfNormalized([1], [0.5], [0]));
    }
}
