using MLPrimer.Features;
using Xunit;

namespace MLPrimer.Tests.Features;

public class TargetEncoderTests
{
    // Toy column: a a a b b c, y = 1 0 1 1 1 0. Prior = 4/6.
    private static readonly string[] Cats = { "a", "a", "a", "b", "b", "c" };
    private static readonly double[] Y = { 1, 0, 1, 1, 1, 0 };

    [Fact]
    public void Fit_SmoothedMeans_HandComputed()
    {
        // m = 2: a = (2 + 2*(2/3)) / (3 + 2) = (10/3)/5 = 2/3; b = (2 + 4/3)/4 = 5/6; c = (0 + 4/3)/3 = 4/9.
        var enc = new TargetEncoder(smoothing: 2).Fit(Cats, Y);
        Assert.Equal(2.0 / 3, enc.Prior, 12);
        Assert.Equal(2.0 / 3, enc.Encodings["a"], 12);
        Assert.Equal(5.0 / 6, enc.Encodings["b"], 12);
        Assert.Equal(4.0 / 9, enc.Encodings["c"], 12);
        var t = enc.Transform(new[] { "c", "zzz", "b" });
        Assert.Equal(4.0 / 9, t[0], 12);
        Assert.Equal(2.0 / 3, t[1], 12); // unseen -> prior
        Assert.Equal(5.0 / 6, t[2], 12);
    }

    [Fact]
    public void Smoothing0_GivesRawMeans_InSampleLeaks()
    {
        // In-sample with m = 0 is the plain per-category mean: a = 2/3, b = 1, c = 0 (c's own target leaks in).
        var t = new TargetEncoder(smoothing: 0).FitTransformInSample(Cats, Y);
        var expected = new[] { 2.0 / 3, 2.0 / 3, 2.0 / 3, 1, 1, 0 };
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], t[i], 12);
    }

    [Fact]
    public void OutOfFold_LeaveOneOut_HandComputed()
    {
        // folds = n = 6 is leave-one-out, whatever the shuffle. m = 1. Each row uses the other 5 rows.
        // row0 (a, y=1): others y sum 3, prior 3/5; a: count 2, sum 1 -> (1 + 0.6) / 3 = 0.533333...
        // row1 (a, y=0): others sum 4, prior 0.8; a: count 2, sum 2 -> (2 + 0.8) / 3 = 0.933333...
        // row2 = row0 = 0.533333...
        // row3 (b, y=1): others sum 3, prior 0.6; b: count 1, sum 1 -> (1 + 0.6) / 2 = 0.8; row4 same.
        // row5 (c, y=0): others sum 4, prior 0.8; c unseen -> 0.8.
        var enc = new TargetEncoder(smoothing: 1, folds: 6, seed: 123);
        var t = enc.FitTransform(Cats, Y);
        var expected = new[] { 1.6 / 3, 2.8 / 3, 1.6 / 3, 0.8, 0.8, 0.8 };
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], t[i], 12);
        // Afterwards the encoder holds the all-rows fit: a = (2 + 2/3) / 4 = 2/3.
        Assert.Equal(2.0 / 3, enc.Encodings["a"], 12);
    }

    [Fact]
    public void OutOfFold_TwoFolds_MatchesFormulaOnTheAssignedFolds()
    {
        var enc = new TargetEncoder(smoothing: 3, folds: 2, seed: 7);
        var t = enc.FitTransform(Cats, Y);
        var fold = TargetEncoder.AssignFolds(Cats.Length, 2, 7);
        Assert.Equal(3, fold.Count(f => f == 0)); // 6 rows in 2 folds of 3
        for (int i = 0; i < Cats.Length; i++)
        {
            var train = Enumerable.Range(0, Cats.Length).Where(j => fold[j] != fold[i]).ToList();
            double prior = train.Average(j => Y[j]);
            var same = train.Where(j => Cats[j] == Cats[i]).ToList();
            double expected = (same.Sum(j => Y[j]) + 3 * prior) / (same.Count + 3);
            Assert.Equal(expected, t[i], 12);
        }
        // Same seed, same folds; the assignment is a permutation cut into contiguous parts.
        Assert.Equal(fold, TargetEncoder.AssignFolds(Cats.Length, 2, 7));
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Equal("smoothing", Assert.Throws<ArgumentException>(() => new TargetEncoder(smoothing: -1)).ParamName);
        Assert.Equal("smoothing", Assert.Throws<ArgumentException>(() => new TargetEncoder(smoothing: double.NaN)).ParamName);
        Assert.Equal("folds", Assert.Throws<ArgumentException>(() => new TargetEncoder(folds: 1)).ParamName);
        var enc = new TargetEncoder(folds: 3);
        Assert.Equal("categories", Assert.Throws<ArgumentException>(() => enc.Fit(Array.Empty<string>(), Array.Empty<double>())).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => enc.Fit(Cats, new double[] { 1, 2 })).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => enc.Fit(new[] { "a" }, new[] { double.NaN })).ParamName);
        Assert.Equal("categories", Assert.Throws<ArgumentException>(() => enc.Fit(new[] { "a", null! }, new double[] { 1, 2 })).ParamName);
        Assert.Equal("categories", Assert.Throws<ArgumentException>(() => enc.FitTransform(new[] { "a", "b" }, new double[] { 1, 2 })).ParamName);
        Assert.Throws<ArgumentNullException>(() => enc.Fit(null!, Y));
        Assert.Throws<InvalidOperationException>(() => new TargetEncoder().Transform(Cats));
    }
}
