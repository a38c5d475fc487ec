using MLPrimer.Experiments;

namespace MLPrimer.Tests.Experiments;

/// <summary>Hand-computed and published values.</summary>
public class FormulaTests
{
    [Fact]
    public void SampleSizeForRatesIsTheTextbookFormula()
    {
        // p1 = 0.10, p2 = 0.12, α = 0.05, power 0.8: z = 1.959964 and 0.841621, p̄ = 0.11;
        // (1.959964·sqrt(2·0.11·0.89) + 0.841621·sqrt(0.09 + 0.1056))² / 0.02² = (0.867269 + 0.372222)² / 0.0004 = 3840.85 → 3841.
        Assert.Equal(3841, PowerAnalysis.SampleSizePerArm(0.10, 0.02));
        // The power at exactly that n is 0.8 (the formula inverted), and more users give more power.
        Assert.InRange(PowerAnalysis.Power(0.10, 0.02, 3841), 0.8, 0.8002);
        Assert.True(PowerAnalysis.Power(0.10, 0.02, 8000) > PowerAnalysis.Power(0.10, 0.02, 3841));
        // A negative effect of the same size needs a similar (slightly smaller, as p(1−p) shrinks) sample.
        Assert.InRange(PowerAnalysis.SampleSizePerArm(0.10, -0.02), 3000, 3841);
    }

    [Fact]
    public void SampleSizeForMeansIsTheTextbookFormula()
    {
        // σ = 5, δ = 1: 2·25·(1.959964 + 0.841621)² = 50·7.84888 = 392.44 → 393.
        Assert.Equal(393, PowerAnalysis.SampleSizePerArmForMeans(5, 1));
        // Halving the effect quadruples the sample: 4·392.44 = 1569.78 → 1570.
        Assert.Equal(1570, PowerAnalysis.SampleSizePerArmForMeans(5, 0.5));
    }

    [Fact]
    public void ExpectedImprovementAtAPoint()
    {
        // μ = 1, σ = 2, f* = 0.5, ξ = 0: Z = 0.25; EI = 0.5·Φ(0.25) + 2·φ(0.25) = 0.5·0.598706 + 2·0.386668 = 1.072689.
        Assert.Equal(1.072689, ExpectedImprovement.Compute(1, 2, 0.5), 5);
        // With ξ = 0.5 the gain is 0: EI = 2·φ(0) = 2·0.398942 = 0.797885.
        Assert.Equal(0.797885, ExpectedImprovement.Compute(1, 2, 0.5, xi: 0.5), 5);
        // No uncertainty: EI is the plain improvement or zero.
        Assert.Equal(0.7, ExpectedImprovement.Compute(1.2, 0, 0.5), 12);
        Assert.Equal(0.0, ExpectedImprovement.Compute(0.2, 0, 0.5));
        // Far below the best with little uncertainty: almost nothing to gain, but never negative.
        Assert.InRange(ExpectedImprovement.Compute(-5, 0.1, 0.5), 0, 1e-12);
    }

    [Fact]
    public void HolmAndBonferroniAdjustByHand()
    {
        // p = (0.01, 0.04, 0.03, 0.005), m = 4. Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04) = 0.06.
        Assert.Equal([0.03, 0.06, 0.06, 0.02], MultipleTesting.Holm([0.01, 0.04, 0.03, 0.005]), new Tolerance(1e-12));
        Assert.Equal([0.04, 0.16, 0.12, 0.02], MultipleTesting.Bonferroni([0.01, 0.04, 0.03, 0.005]), new Tolerance(1e-12));
        Assert.Equal([1.0, 1.0], MultipleTesting.Holm([0.6, 0.7]), new Tolerance(1e-12));
    }

    [Theory]
    // Pocock (1977), Table 1 and Jennison & Turnbull (2000), Table 2.1: two-sided α = 0.05.
    [InlineData(1, 1.960)]
    [InlineData(2, 2.178)]
    [InlineData(3, 2.289)]
    [InlineData(5, 2.413)]
    [InlineData(10, 2.555)]
    public void PocockConstantsMatchThePublishedTable(int looks, double constant)
    {
        var b = GroupSequentialBoundary.Pocock(looks);
        Assert.Equal(looks, b.Length);
        Assert.All(b, z => Assert.Equal(constant, z, 0.005));
        Assert.Equal(0.05, GroupSequentialBoundary.CrossingProbability(b), 0.0005);
    }

    [Theory]
    // Jennison & Turnbull (2000), Table 2.3: O'Brien–Fleming C_B(K, 0.05); the boundary at look k is C·sqrt(K/k).
    [InlineData(2, 1.977)]
    [InlineData(3, 2.004)]
    [InlineData(5, 2.040)]
    public void OBrienFlemingConstantsMatchThePublishedTable(int looks, double constant)
    {
        var b = GroupSequentialBoundary.OBrienFleming(looks);
        Assert.Equal(constant, b[^1], 0.005);
        Assert.Equal(constant * Math.Sqrt(looks), b[0], 0.01);
    }

    [Fact]
    public void RepeatedFixedThresholdCrossesMoreOften()
    {
        // Armitage, McPherson & Rowe (1969): testing at |z| > 1.96 at 5 equally spaced looks rejects a true null 14.2% of the time.
        Assert.Equal(0.142, GroupSequentialBoundary.CrossingProbability(Enumerable.Repeat(1.96, 5).ToArray()), 0.002);
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double x) => 0;
    }
}
