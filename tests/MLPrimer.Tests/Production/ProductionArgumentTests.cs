using MLPrimer.Production;

namespace MLPrimer.Tests.Production;

/// <summary>Bad input fails at the boundary with an ArgumentException naming the parameter.</summary>
public class ProductionArgumentTests
{
    private static void Fails(string parameter, Action action)
    {
        var e = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void EpsilonOutsideTheUnitIntervalIsRejected()
    {
        Fails("epsilon", () => new EpsilonGreedy(3, -0.1));
        Fails("epsilon", () => new EpsilonGreedy(3, 1.1));
        Fails("epsilon", () => new EpsilonGreedy(3, double.NaN));
    }

    [Fact]
    public void BanditsNeedAtLeastOneArm()
    {
        Fails("arms", () => new EpsilonGreedy(0, 0.1));
        Fails("arms", () => new Ucb1(0));
        Fails("arms", () => new ThompsonSampling(-1));
        Fails("arms", () => new LinUcb(0, 2, 1));
    }

    [Fact]
    public void UpdatesCheckArmAndReward()
    {
        Fails("arm", () => new Ucb1(2).Update(2, 1));
        Fails("arm", () => new EpsilonGreedy(2, 0.1).Update(-1, 1));
        Fails("arm", () => new Ucb1(2).Index(5));
        Fails("reward", () => new Ucb1(2).Update(0, double.NaN));
        Fails("reward", () => new ThompsonSampling(2).Update(0, 1.5));
        Fails("reward", () => new ThompsonSampling(2).Update(0, -0.1));
        Fails("priorAlpha", () => new ThompsonSampling(2, priorAlpha: 0));
        Fails("priorBeta", () => new ThompsonSampling(2, priorBeta: -1));
    }

    [Fact]
    public void LinUcbChecksAlphaDimensionAndContext()
    {
        Fails("alpha", () => new LinUcb(2, 2, 0));
        Fails("alpha", () => new LinUcb(2, 2, -1));
        Fails("dimension", () => new LinUcb(2, 0, 1));
        Fails("context", () => new LinUcb(2, 2, 1).SelectArm([1.0]));
        Fails("context", () => new LinUcb(2, 2, 1).Update(0, [1.0, double.NaN], 1));
        Fails("arm", () => new LinUcb(2, 2, 1).Update(2, [1.0, 0], 1));
    }

    [Fact]
    public void InterleavingRejectsRepeatsBadLengthsAndBadClicks()
    {
        Fails("rankingA", () => TeamDraftInterleaving.Interleave(new[] { 1, 1 }, new[] { 2 }, new Random(0)));
        Fails("rankingB", () => TeamDraftInterleaving.Interleave(new[] { 1 }, new[] { 2, 2 }, new Random(0)));
        Fails("length", () => TeamDraftInterleaving.Interleave(new[] { 1 }, new[] { 2 }, new Random(0), length: 0));
        var list = TeamDraftInterleaving.Interleave(new[] { 1, 2 }, new[] { 2, 1 }, new Random(0));
        Fails("clickedPositions", () => list.Credit([2]));
    }
}
