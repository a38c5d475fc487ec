using MLPrimer.Evaluation;
using Xunit;

namespace MLPrimer.Tests.Evaluation;

/// <summary>Behavioural tests on tiny models whose outcome can be worked out by hand.</summary>
public class BehaviouralTestsTests
{
    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static float[][] Rows(params float[][] rows) => rows;

    // ---- Perturbation -------------------------------------------------------------------------------------------------

    [Fact]
    public void ZeroNoiseChangesNothing()
    {
        var inputs = Rows([-1f], [0f], [1f]);
        var report = BehaviouralTests.Perturbation(x => x[0] >= 0 ? 1 : 0, inputs, noiseScale: 0.0);
        Assert.Equal(3, report.Cases);
        Assert.Empty(report.Failures);
        Assert.True(report.Passed);
    }

    [Fact]
    public void ConstantFeaturesGetNoNoise()
    {
        // Every row equal: each feature's standard deviation is 0, so noise of any scale is 0 and no label can flip.
        var inputs = Rows([0f, 2f], [0f, 2f]);
        var report = BehaviouralTests.Perturbation(x => x[0] >= 0 ? 1 : 0, inputs, noiseScale: 100.0);
        Assert.Empty(report.Failures);
    }

    [Fact]
    public void OnlyTheInputOnTheDecisionBoundaryFlips()
    {
        // Feature values -1, 0, 1: standard deviation sqrt(2/3) ≈ 0.816, noise sd = 0.001 × that ≈ 0.0008. The rows at ±1 would need
        // a draw of over 1000 sd to cross 0 (Box-Muller never exceeds about 8.6 sd), so they never flip. The row at 0 has label 1
        // (score 1 >= 0.5); a negative draw turns it to 0, and each of 20 draws is negative with probability 1/2.
        var inputs = Rows([-1f], [0f], [1f]);
        var report = BehaviouralTests.Perturbation(x => x[0] >= 0 ? 1 : 0, inputs, noiseScale: 0.001, repeats: 20);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(1, failure.Row);
        Assert.Equal(1.0, failure.Before);
        Assert.Equal(0.0, failure.After);
        Assert.Equal(1.0 / 3, report.FailureRate, 12);
        Assert.False(report.Passed); // allowed 5 % by default
        Assert.StartsWith("perturbation (noise 0.001σ, 20 draws): FAIL (1 of 3 cases failed", report.Summary);
    }

    [Fact]
    public void PerturbationIsSeededAndLeavesInputsAlone()
    {
        var inputs = Rows([0.1f, 1f], [0.4f, -1f], [0.6f, 0.5f], [0.9f, 0f]);
        var copy = inputs.Select(r => (float[])r.Clone()).ToArray();
        Func<float[], double> score = x =>
        {
            double s = Sigmoid(4 * (x[0] - 0.5) + x[1]);
            x[0] = 99f; // a careless model that writes into its argument must not corrupt the inputs
            return s;
        };
        var a = BehaviouralTests.Perturbation(score, inputs, noiseScale: 0.5, repeats: 3, seed: 7);
        var b = BehaviouralTests.Perturbation(score, inputs, noiseScale: 0.5, repeats: 3, seed: 7);
        Assert.Equal(a.Failures, b.Failures);
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(copy[i], inputs[i]);
    }

    [Fact]
    public void PerturbationRejectsBadArguments()
    {
        var inputs = Rows([0f], [1f]);
        Func<float[], double> score = x => x[0];
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => BehaviouralTests.Perturbation(score, Array.Empty<float[]>(), 0.1)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => BehaviouralTests.Perturbation(score, Rows([0f], [1f, 2f]), 0.1)).ParamName);
        Assert.Equal("noiseScale", Assert.Throws<ArgumentOutOfRangeException>(() => BehaviouralTests.Perturbation(score, inputs, -0.1)).ParamName);
        Assert.Equal("repeats", Assert.Throws<ArgumentOutOfRangeException>(() => BehaviouralTests.Perturbation(score, inputs, 0.1, repeats: 0)).ParamName);
        Assert.Equal("maxFailureRate", Assert.Throws<ArgumentOutOfRangeException>(() => BehaviouralTests.Perturbation(score, inputs, 0.1, maxFailureRate: 1.5)).ParamName);
        Assert.Equal("score", Assert.Throws<ArgumentException>(() => BehaviouralTests.Perturbation(_ => double.NaN, inputs, 0.1)).ParamName);
    }

    // ---- Invariance ---------------------------------------------------------------------------------------------------

    [Fact]
    public void InvarianceFlagsLabelFlipsCausedByAnIrrelevantFeature()
    {
        // score = sigmoid(2 x0 + x1). Setting x1 (say, a clinic code) from 0 to -1:
        //   x0 = 0.1: sigmoid(0.2) = 0.550 -> sigmoid(-0.8) = 0.310, label 1 -> 0: fails;
        //   x0 = 2:   sigmoid(4) = 0.982 -> sigmoid(3) = 0.953, label stays 1: passes.
        var inputs = Rows([0.1f, 0f], [2f, 0f]);
        Func<float[], double> score = x => Sigmoid(2 * x[0] + x[1]);
        var report = BehaviouralTests.Invariance(score, inputs, x => { x[1] = -1f; return x; });
        var failure = Assert.Single(report.Failures);
        Assert.Equal(0, failure.Row);
        Assert.Equal(Sigmoid(2 * 0.1f), failure.Before, 12);
        Assert.Equal(Sigmoid(2 * 0.1f - 1), failure.After, 12);
        Assert.False(report.Passed);

        // With a tolerance of 0.01 the second row fails too: its score moves by 0.982 - 0.953 = 0.029.
        var strict = BehaviouralTests.Invariance(score, inputs, x => { x[1] = -1f; return x; }, tolerance: 0.01);
        Assert.Equal([0, 1], strict.Failures.Select(f => f.Row));
    }

    [Fact]
    public void InvariancePassesWhenTheModelIgnoresTheFeature()
    {
        var inputs = Rows([0.1f, 0f], [2f, 0f], [-3f, 1f]);
        var report = BehaviouralTests.Invariance(x => Sigmoid(2 * x[0]), inputs, x => { x[1] = 1 - x[1]; return x; }, tolerance: 0.0);
        Assert.Empty(report.Failures);
        Assert.True(report.Passed);
        Assert.Equal("invariance: PASS (0 of 3 cases failed, 0.0 %; allowed 0.0 %)", report.Summary);
    }

    [Fact]
    public void ChangeMustKeepTheVectorLength()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            BehaviouralTests.Invariance(x => x[0], Rows([1f, 2f]), x => x[..1]));
        Assert.Equal("change", e.ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() =>
            BehaviouralTests.Invariance(x => x[0], Rows([1f]), x => x, tolerance: -1)).ParamName);
    }

    // ---- Directional expectation --------------------------------------------------------------------------------------

    [Fact]
    public void DirectionalExpectationCatchesAWrongSign()
    {
        // score = x0 - 2 x1: raising x1 by 1 lowers every score by exactly 2.
        var inputs = Rows([0f, 0f], [1f, 3f], [5f, -1f]);
        Func<float[], double> score = x => x[0] - 2 * x[1];
        Func<float[], float[]> raiseX1 = x => { x[1] += 1f; return x; };
        var up = BehaviouralTests.DirectionalExpectation(score, inputs, raiseX1, ExpectedDirection.NonDecreasing);
        Assert.Equal(3, up.Failures.Count);
        Assert.All(up.Failures, f => Assert.Equal(-2.0, f.Change, 12));
        var down = BehaviouralTests.DirectionalExpectation(score, inputs, raiseX1, ExpectedDirection.NonIncreasing);
        Assert.Empty(down.Failures);
    }

    [Fact]
    public void DirectionalToleranceAbsorbsSmallMoves()
    {
        // Raising x0 by 0.1 raises the score by 0.1 (up to float rounding of the input): against NonIncreasing that is a failure
        // unless the tolerance is larger than 0.1.
        var inputs = Rows([0f, 0f], [1f, 1f]);
        Func<float[], double> score = x => x[0] - 2 * x[1];
        Func<float[], float[]> raiseX0 = x => { x[0] += 0.1f; return x; };
        Assert.Empty(BehaviouralTests.DirectionalExpectation(score, inputs, raiseX0, ExpectedDirection.NonIncreasing, tolerance: 0.2).Failures);
        Assert.Equal(2, BehaviouralTests.DirectionalExpectation(score, inputs, raiseX0, ExpectedDirection.NonIncreasing, tolerance: 0.05).Failures.Count);
        // One failure of two is a 50 % rate: within an allowance of 0.5, not within 0.49.
        Func<float[], double> mixed = x => x[1] > 0 ? -x[0] : x[0];
        Assert.True(BehaviouralTests.DirectionalExpectation(mixed, inputs, raiseX0, ExpectedDirection.NonDecreasing, maxFailureRate: 0.5).Passed);
        Assert.False(BehaviouralTests.DirectionalExpectation(mixed, inputs, raiseX0, ExpectedDirection.NonDecreasing, maxFailureRate: 0.49).Passed);
    }

    [Fact]
    public void DirectionalRejectsAnUnknownDirection()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            BehaviouralTests.DirectionalExpectation(x => x[0], Rows([1f]), x => x, (ExpectedDirection)7));
        Assert.Equal("expected", e.ParamName);
    }
}
