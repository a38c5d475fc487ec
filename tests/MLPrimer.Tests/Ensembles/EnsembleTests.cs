using MLPrimer.Ensembles;

namespace MLPrimer.Tests.Ensembles;

public class AdaBoostTests
{
    // x = 1..5, labels 0 0 1 1 0. With uniform weights 1/5 the best stump is x <= 2.5 -> 0, else 1 (only x = 5 wrong):
    // error e = 0.2, alpha = ln((1 - e) / e) + ln(K - 1) = ln 4 + ln 1 = ln 4.
    // Weights: the wrong row 0.2 * 4 = 0.8, the others 0.2; total 1.6 -> 0.125, 0.125, 0.125, 0.125, 0.5.
    private static readonly float[][] X = [[1], [2], [3], [4], [5]];
    private static readonly int[] Y = [0, 0, 1, 1, 0];

    [Fact]
    public void FirstRoundMatchesTheHandCalculation()
    {
        var boost = new AdaBoostClassifier(rounds: 1).Fit(X, Y);
        Assert.Equal(new DecisionStump(0, 2.5, 0, 1), boost.Stumps[0]);
        Assert.Equal(0.2, boost.EstimatorErrors[0], 12);
        Assert.Equal(Math.Log(4), boost.EstimatorWeights[0], 12);
        Assert.Equal(new[] { 0.2, 0.2, 0.2, 0.2, 0.2 }, boost.SampleWeights[0]);
        var after = boost.SampleWeights[1];
        Assert.Equal(new[] { 0.125, 0.125, 0.125, 0.125, 0.5 }, after.Select(w => Math.Round(w, 12)));
        // Classic AdaBoost's invariant: after an update the misclassified rows hold exactly half the weight.
        Assert.Equal(0.5, after[4], 12);
    }

    [Fact]
    public void SecondRoundFollowsTheNewWeights()
    {
        // Weights 1/8, 1/8, 1/8, 1/8, 1/2: every split errs by 1/4 at best, as does "always 0" (wrong on x = 3, 4), which is
        // kept on ties. alpha = ln 3; x = 3, 4 become 3/8 each; total 1/8 + 1/8 + 3/8 + 3/8 + 1/2 = 3/2.
        var boost = new AdaBoostClassifier(rounds: 2).Fit(X, Y);
        Assert.Equal(0.25, boost.EstimatorErrors[1], 12);
        Assert.Equal(Math.Log(3), boost.EstimatorWeights[1], 12);
        Assert.Equal(new[] { 1 / 12.0, 1 / 12.0, 1 / 4.0, 1 / 4.0, 1 / 3.0 }.Select(w => Math.Round(w, 12)), boost.SampleWeights[2].Select(w => Math.Round(w, 12)));
    }

    [Fact]
    public void StopsAtAPerfectStump()
    {
        var boost = new AdaBoostClassifier(rounds: 10).Fit([[1], [2], [3], [4]], [0, 0, 1, 1]);
        Assert.Single(boost.Stumps);
        Assert.Equal(new[] { 0, 0, 1, 1 }, boost.Predict([[1], [2], [3], [4]]));
    }

    [Fact]
    public void StagedPredictionsEndAtTheFinalPrediction()
    {
        var boost = new AdaBoostClassifier(rounds: 5).Fit(X, Y);
        var staged = boost.StagedPredict(X);
        Assert.Equal(boost.Stumps.Count, staged.Length);
        Assert.Equal(boost.Predict(X), staged[^1]);
        Assert.Equal(new[] { 0, 0, 1, 1, 1 }, staged[0]); // the first stump alone
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Equal("rounds", Assert.Throws<ArgumentException>(() => new AdaBoostClassifier(0)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => DecisionStump.Fit(X, Y, [1.0], 2)).ParamName);
    }
}

public class VotingAndBootstrapTests
{
    [Fact]
    public void MajorityWins()
    {
        Assert.Equal(3, MajorityVote.Vote([3, 0, 3]));
        Assert.Equal(new[] { 1, 0 }, MajorityVote.Combine([[1, 0], [1, 2], [0, 0]]));
    }

    [Fact]
    public void TiesGoToTheSmallestClass()
    {
        // Two votes each for 2 and 1: numpy's argmax(bincount) -> the first maximum, class 1.
        Assert.Equal(1, MajorityVote.Vote([2, 1, 2, 1]));
        Assert.Equal(0, MajorityVote.Vote([4, 0]));
    }

    [Fact]
    public void VotingRejectsBadInput()
    {
        Assert.Equal("votes", Assert.Throws<ArgumentException>(() => MajorityVote.Vote([])).ParamName);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => MajorityVote.Combine([[1, 0], [1]])).ParamName);
    }

    [Fact]
    public void BootstrapDrawsWithReplacementAndOutOfBagIsTheRest()
    {
        var sample = Bootstrap.Sample(200, new Random(1));
        Assert.Equal(200, sample.Length);
        Assert.All(sample, r => Assert.InRange(r, 0, 199));
        Assert.Equal(sample, Bootstrap.Sample(200, new Random(1)));
        var oob = Bootstrap.OutOfBag(sample, 200);
        Assert.Empty(oob.Intersect(sample));
        Assert.Equal(200, oob.Length + sample.Distinct().Count());
    }

    [Fact]
    public void ABootstrapHoldsAboutSixtyThreePercentOfTheRows()
    {
        // P(a row is drawn) = 1 - (1 - 1/n)^n, 0.6323 for n = 1000; the mean over 50 samples has a standard error near 0.002.
        var rng = new Random(3);
        var mean = Enumerable.Range(0, 50).Average(_ => Bootstrap.Sample(1000, rng).Distinct().Count() / 1000.0);
        Assert.InRange(mean, 0.6323 - 0.01, 0.6323 + 0.01);
    }
}
