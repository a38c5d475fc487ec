using MathNet.Numerics.LinearAlgebra;
using MLPrimer.Production;

namespace MLPrimer.Tests.Production;

public class LinUcbTests
{
    [Fact]
    public void HandWorkedTwoDimensionalExample()
    {
        var lin = new LinUcb(arms: 2, dimension: 2, alpha: 1);
        lin.Update(0, [1, 0], 1);
        lin.Update(1, [1, 1], 1);
        // Arm 0: A = I + [1,0][1,0]ᵀ = [[2,0],[0,1]], b = [1,0], θ = A⁻¹b = [0.5, 0].
        Assert.Equal(new double[,] { { 2, 0 }, { 0, 1 } }, lin.A(0));
        Assert.Equal(new double[] { 1, 0 }, lin.B(0));
        Assert.Equal(0.5, lin.Theta(0)[0], 12);
        Assert.Equal(0.0, lin.Theta(0)[1], 12);
        // Arm 1: A = [[2,1],[1,2]], A⁻¹ = [[2,-1],[-1,2]] / 3, b = [1,1], θ = [1/3, 1/3].
        Assert.Equal(new double[,] { { 2, 1 }, { 1, 2 } }, lin.A(1));
        Assert.Equal(new double[] { 1, 1 }, lin.B(1));
        Assert.Equal(1 / 3.0, lin.Theta(1)[0], 12);
        Assert.Equal(1 / 3.0, lin.Theta(1)[1], 12);
        // x = [1,0]: arm 0 → 0.5 + sqrt(xᵀA⁻¹x = 0.5) = 1.2071068; arm 1 → 1/3 + sqrt(2/3) = 1.1498300. Arm 0 wins.
        Assert.Equal(1.2071068, lin.UpperConfidenceBound(0, [1, 0]), 6);
        Assert.Equal(1.1498300, lin.UpperConfidenceBound(1, [1, 0]), 6);
        Assert.Equal(0, lin.SelectArm([1, 0]));
        // x = [0,1]: arm 0 → 0 + sqrt(1) = 1; arm 1 → 1/3 + sqrt(2/3) = 1.1498300. Arm 1 wins.
        Assert.Equal(1.0, lin.UpperConfidenceBound(0, [0, 1]), 12);
        Assert.Equal(1, lin.SelectArm([0, 1]));
    }

    [Fact]
    public void ShermanMorrisonInverseMatchesADirectSolve()
    {
        var lin = new LinUcb(arms: 1, dimension: 4, alpha: 0.5);
        var rng = new Random(2);
        for (var t = 0; t < 200; t++)
        {
            double[] x = [1, rng.NextDouble(), rng.NextDouble() - 0.5, 2 * rng.NextDouble()];
            lin.Update(0, x, rng.NextDouble());
        }
        var a = Matrix<double>.Build.DenseOfArray(lin.A(0));
        var b = Vector<double>.Build.DenseOfArray(lin.B(0));
        var theta = a.Solve(b);
        for (var i = 0; i < 4; i++) Assert.Equal(theta[i], lin.Theta(0)[i], 9);
        double[] probe = [1, 0.3, -0.2, 1.5];
        var p = Vector<double>.Build.DenseOfArray(probe);
        var expected = theta.DotProduct(p) + 0.5 * Math.Sqrt(p.DotProduct(a.Solve(p)));
        Assert.Equal(expected, lin.UpperConfidenceBound(0, probe), 9);
    }

    [Fact]
    public void LearnsWhichArmSuitsWhichContext()
    {
        // Arm 0 pays off for contexts with feature 1 on, arm 1 for feature 2 on (feature 0 is a bias).
        var lin = new LinUcb(arms: 2, dimension: 3, alpha: 0.5);
        var rng = new Random(4);
        for (var t = 0; t < 2000; t++)
        {
            var kind = rng.Next(2);
            double[] x = kind == 0 ? [1, 1, 0] : [1, 0, 1];
            var arm = lin.SelectArm(x);
            var rate = arm == kind ? 0.7 : 0.3;
            lin.Update(arm, x, rng.NextDouble() < rate ? 1 : 0);
        }
        Assert.Equal(0, lin.SelectArm([1, 1, 0]));
        Assert.Equal(1, lin.SelectArm([1, 0, 1]));
    }
}
