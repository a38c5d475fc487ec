using MLPrimer.Experiments;

namespace MLPrimer.Tests.Experiments;

public class BayesianOptimizerTests
{
    // Maximum 0 at (0.3, −0.2).
    private static double Bowl(double[] x) => -((x[0] - 0.3) * (x[0] - 0.3) + (x[1] + 0.2) * (x[1] + 0.2));

    [Fact]
    public void FindsTheTopOfASmoothBowl()
    {
        var result = new BayesianOptimizer([-2, -2], [2, 2], seed: 1).Maximize(Bowl, 25);
        Assert.Equal(25, result.History.Count);
        Assert.True(result.BestY > -0.01, $"best {result.BestY} at ({result.BestX[0]}, {result.BestX[1]})");
    }

    [Fact]
    public void BeatsRandomSearchOnTheSameBudget()
    {
        // Averaged over seeds, 20 GP-guided evaluations get closer to the optimum than 20 uniform draws.
        double bo = 0, random = 0;
        for (var seed = 0; seed < 5; seed++)
        {
            bo += new BayesianOptimizer([-2, -2], [2, 2], seed).Maximize(Bowl, 20).BestY;
            var rng = new Random(seed);
            random += Enumerable.Range(0, 20).Max(_ => Bowl([rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2]));
        }
        Assert.True(bo > random, $"BO {bo / 5} vs random {random / 5}");
    }

    [Fact]
    public void IsDeterministicForASeed()
    {
        var a = new BayesianOptimizer([0], [1], seed: 7).Maximize(x => Math.Sin(10 * x[0]), 10);
        var b = new BayesianOptimizer([0], [1], seed: 7).Maximize(x => Math.Sin(10 * x[0]), 10);
        Assert.Equal(a.History.Select(e => e.X[0]), b.History.Select(e => e.X[0]));
    }

    [Fact]
    public void StartsWithRandomPointsInsideTheBox()
    {
        var bo = new BayesianOptimizer([10, -1], [20, 1], seed: 3, initialPoints: 4);
        var r = bo.Maximize(x => x[0] - x[1] * x[1], 12);
        Assert.All(r.History, e => Assert.True(e.X[0] >= 10 && e.X[0] <= 20 && e.X[1] >= -1 && e.X[1] <= 1));
        Assert.Equal(r.History.Select(e => e.Y).Max(), r.BestY);
        var bestSoFar = r.BestSoFar();
        Assert.Equal(r.BestY, bestSoFar[^1]);
        Assert.True(bestSoFar.Zip(bestSoFar.Skip(1)).All(p => p.Second >= p.First));
    }

    [Fact]
    public void GaussianProcessInterpolatesItsData()
    {
        // With tiny noise the posterior passes through the observations and its std there is ~0; far away the std returns to sqrt(amplitude).
        double[][] x = [[0.0], [0.5], [1.0]];
        var gp = new GaussianProcessRegressor(Kernel.Rbf(0.3, 4.0), alpha: 1e-10).Fit(x, [1.0, -1.0, 2.0]);
        var p = gp.Predict([[0.0], [0.5], [1.0], [10.0]]);
        Assert.Equal([1.0, -1.0, 2.0], p.Mean[..3].Select(m => Math.Round(m, 5)));
        Assert.All(p.Std[..3], s => Assert.InRange(s, 0, 1e-3));
        Assert.Equal(2.0, p.Std[3], 6);
        Assert.Equal(0.0, p.Mean[3], 6);
    }
}
