using MLPrimer.Monitoring;

namespace MLPrimer.Tests.Monitoring;

public class HandCalculationTests
{
    [Fact]
    public void KolmogorovSmirnovTinyExact()
    {
        // x = {1, 2}, y = {3, 4}: the ECDFs differ by 1 at 2, so D = 1; of the C(4,2) = 6 orderings only
        // x x y y and y y x x reach |D| = 1, so p = 2/6.
        var r = KolmogorovSmirnovTest.TwoSample([1.0, 2.0], [3.0, 4.0], KolmogorovSmirnovMethod.Exact);
        Assert.Equal(1.0, r.Statistic);
        Assert.Equal(1.0 / 3, r.PValue, 12);
        Assert.Equal(1.0, KolmogorovSmirnovTest.TwoSample([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]).PValue);   // D = 0
    }

    [Fact]
    public void MmdOnTinyInputs()
    {
        // sigma = 1, k(a,b) = exp(-(a-b)^2/2). x = {0, 1}, y = {2, 4}:
        // mean k(x,x') = e^-0.5, mean k(y,y') = e^-2, mean k(x,y) = (e^-2 + e^-8 + e^-0.5 + e^-4.5)/4.
        double[][] x = [[0.0], [1.0]], y = [[2.0], [4.0]];
        var expected = Math.Exp(-0.5) + Math.Exp(-2) - 2 * (Math.Exp(-2) + Math.Exp(-8) + Math.Exp(-0.5) + Math.Exp(-4.5)) / 4;
        Assert.Equal(expected, MaximumMeanDiscrepancy.UnbiasedMmd2(x, y, 1.0), 12);
        // Pooled distances 1, 2, 4, 1, 3, 2: sorted 1 1 2 2 3 4, median 2.
        Assert.Equal(2.0, MaximumMeanDiscrepancy.MedianHeuristic(x, y));
        // Symmetric in the two samples.
        Assert.Equal(MaximumMeanDiscrepancy.UnbiasedMmd2(x, y, 0.7), MaximumMeanDiscrepancy.UnbiasedMmd2(y, x, 0.7), 12);
    }

    [Fact]
    public void MmdPermutationTestSeparatesShiftFromNoShift()
    {
        var rng = new Random(1);
        double[][] Draw(int n, double shift) => Enumerable.Range(0, n).Select(_ => new[] { Gauss(rng) + shift, Gauss(rng) }).ToArray();
        var reference = Draw(60, 0);
        var same = MaximumMeanDiscrepancy.Test(reference, Draw(60, 0), permutations: 200, seed: 3);
        var current = Draw(60, 1.0);
        var shifted = MaximumMeanDiscrepancy.Test(reference, current, permutations: 200, seed: 3);
        Assert.True(same.PValue > 0.05, $"no shift: p = {same.PValue}");
        Assert.Equal(1.0 / 201, shifted.PValue, 12);     // no permutation beats a one-sigma shift
        Assert.Equal(shifted, MaximumMeanDiscrepancy.Test(reference, current, permutations: 200, seed: 3));   // seeded
        static double Gauss(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
    }

    [Fact]
    public void PsiFromCountsByHand()
    {
        // shares 0.5/0.3/0.2 -> 0.3/0.3/0.4: (0.3-0.5)ln(0.3/0.5) + 0 + (0.4-0.2)ln(0.4/0.2) = 0.2(ln(5/3) + ln 2) = 0.2408.
        Assert.Equal(0.2 * (Math.Log(5.0 / 3) + Math.Log(2)), PopulationStabilityIndex.FromCounts([50.0, 30, 20], [30.0, 30, 40]), 12);
        Assert.Equal(0.0, PopulationStabilityIndex.FromCounts([5.0, 5], [50.0, 50]), 12);
    }

    [Fact]
    public void PsiWithQuantileBinsByHand()
    {
        // Reference 0..99, 4 bins: edges at the 0.25/0.5/0.75 quantiles 24.75, 49.5, 74.25. Current 0..49 fills
        // the first two bins (25 each), the last two are empty and get share 1e-4:
        // PSI = 2(0.5-0.25)ln(0.5/0.25) + 2(1e-4-0.25)ln(1e-4/0.25).
        var reference = Enumerable.Range(0, 100).Select(v => (double)v).ToArray();
        var current = Enumerable.Range(0, 50).Select(v => (double)v).ToArray();
        Assert.Equal([24.75, 49.5, 74.25], PopulationStabilityIndex.Edges(reference, 4));
        var expected = 2 * 0.25 * Math.Log(2) + 2 * (1e-4 - 0.25) * Math.Log(1e-4 / 0.25);
        Assert.Equal(expected, PopulationStabilityIndex.Compute(reference, current, bins: 4), 12);
    }

    [Fact]
    public void BbseRecoversKnownLabelProportions()
    {
        // Source: 100 rows per class; the classifier's confusion per true class is (80,10,10), (10,70,20), (5,15,80).
        // Target proportions q = (0.6, 0.3, 0.1) give predicted shares mu = C q: 0.515, 0.285, 0.200 of 1000 rows.
        var labels = new List<int>(); var predictions = new List<int>();
        int[][] confusion = [[80, 10, 10], [10, 70, 20], [5, 15, 80]];
        for (var y = 0; y < 3; y++) for (var yhat = 0; yhat < 3; yhat++) for (var k = 0; k < confusion[y][yhat]; k++) { labels.Add(y); predictions.Add(yhat); }
        var target = Enumerable.Repeat(0, 515).Concat(Enumerable.Repeat(1, 285)).Concat(Enumerable.Repeat(2, 200)).ToArray();
        var estimate = LabelShiftEstimator.Estimate(labels.ToArray(), predictions.ToArray(), target, 3);
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], estimate.SourceProportions.Select(v => Math.Round(v, 12)).ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
        double[] q = [0.6, 0.3, 0.1];
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(q[k], estimate.TargetProportions[k], 9);
            Assert.Equal(q[k] * 3, estimate.Weights[k], 9);
        }
        var adjusted = LabelShiftEstimator.AdjustPosterior([0.2, 0.5, 0.3], estimate.Weights);
        // (0.2*1.8, 0.5*0.9, 0.3*0.3) = (0.36, 0.45, 0.09) / 0.9
        Assert.Equal([0.4, 0.5, 0.1], adjusted.Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void DomainClassifierSeesShiftAndNotNoise()
    {
        var rng = new Random(5);
        double[][] Draw(int n, double shift, double scale) => Enumerable.Range(0, n).Select(_ => new[] { Normal(rng) * scale + shift, Normal(rng) }).ToArray();
        var reference = Draw(300, 0, 1);
        var none = ClassifierDriftDetector.Detect(reference, Draw(300, 0, 1));
        var mean = ClassifierDriftDetector.Detect(reference, Draw(300, 1, 1));
        var spread = ClassifierDriftDetector.Detect(reference, Draw(300, 0, 2.5));
        Assert.InRange(none.Auc, 0.4, 0.6);
        Assert.True(mean.Auc > 0.7, $"mean shift AUC {mean.Auc}");
        Assert.True(spread.Auc > 0.7, $"spread shift AUC {spread.Auc}");   // the squared features see a change of variance
        var weights = mean.ImportanceWeights(maxWeight: 20);
        Assert.Equal(300, weights.Length);
        Assert.All(weights, w => Assert.InRange(w, 1.0 / 20, 20));
        // Reference rows that look like the shifted sample (large x0) get larger weights.
        var high = Enumerable.Range(0, 300).Where(i => reference[i][0] > 1).Average(i => weights[i]);
        var low = Enumerable.Range(0, 300).Where(i => reference[i][0] < -1).Average(i => weights[i]);
        Assert.True(high > 4 * low, $"weights {high} vs {low}");
    }

    internal static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void ChiSquaredKeepsTinyPValuesInTheUpperTail()
    {
        // 2x2 table, no correction: chi2 = N (ad - bc)^2 / (row and column sums) = 2000 * (900*900 - 100*100)^2 / 1000^4 = 1280.
        // Its upper tail at dof 1 is erfc(sqrt(640)) ~ 1.8e-280 (scipy.stats.chi2.sf(1280, 1)); 1 - CDF rounds it to 0.
        var r = ChiSquaredTest.Contingency(new double[,] { { 900, 100 }, { 100, 900 } }, correction: false);
        Assert.Equal(1280, r.Statistic, 1e-9);
        Assert.True(r.PValue > 0 && r.PValue < 1e-270, $"p = {r.PValue}");
        Assert.Equal(MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(640)), r.PValue, r.PValue * 1e-8);
    }
}
