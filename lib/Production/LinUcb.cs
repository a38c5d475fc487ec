namespace MLPrimer.Production;

/// <summary>LinUCB with disjoint linear models (Li et al. 2010): per arm a ridge regression of reward on the context, played by
/// its upper confidence bound θᵀx + α·sqrt(xᵀA⁻¹x).</summary>
/// <remarks>Each arm keeps A = I + Σ x xᵀ and b = Σ r x over the rounds it was played; θ = A⁻¹b. A⁻¹ is kept up to date with the
/// Sherman–Morrison formula, so a round costs O(arms · d²). Ties go to the lowest arm.</remarks>
public sealed class LinUcb
{
    private readonly double[][,] _a;
    private readonly double[][,] _aInverse;
    private readonly double[][] _b;
    private readonly double[] _scratch;

    /// <summary>Creates the policy for <paramref name="arms"/> arms and contexts of <paramref name="dimension"/> numbers; α must be positive.</summary>
    public LinUcb(int arms, int dimension, double alpha)
    {
        Guard.AtLeast(arms, 1, nameof(arms));
        Guard.AtLeast(dimension, 1, nameof(dimension));
        if (!(alpha > 0) || !double.IsFinite(alpha))
            throw new ArgumentException($"alpha must be a positive finite number (got {alpha}).", nameof(alpha));
        Alpha = alpha;
        Dimension = dimension;
        _a = new double[arms][,];
        _aInverse = new double[arms][,];
        _b = new double[arms][];
        for (var k = 0; k < arms; k++)
        {
            _a[k] = Identity(dimension);
            _aInverse[k] = Identity(dimension);
            _b[k] = new double[dimension];
        }
        _scratch = new double[dimension];
    }

    /// <summary>Number of arms.</summary>
    public int Arms => _a.Length;

    /// <summary>Length of a context vector.</summary>
    public int Dimension { get; }

    /// <summary>Width of the confidence bonus.</summary>
    public double Alpha { get; }

    /// <summary>A copy of the arm's A = I + Σ x xᵀ.</summary>
    public double[,] A(int arm)
    {
        Guard.Index(arm, Arms, nameof(arm));
        return (double[,])_a[arm].Clone();
    }

    /// <summary>A copy of the arm's b = Σ reward · x.</summary>
    public double[] B(int arm)
    {
        Guard.Index(arm, Arms, nameof(arm));
        return (double[])_b[arm].Clone();
    }

    /// <summary>The arm's ridge-regression coefficients θ = A⁻¹b.</summary>
    public double[] Theta(int arm)
    {
        Guard.Index(arm, Arms, nameof(arm));
        return Multiply(_aInverse[arm], _b[arm]);
    }

    /// <summary>The arm's upper confidence bound θᵀx + α·sqrt(xᵀA⁻¹x) for the context.</summary>
    public double UpperConfidenceBound(int arm, IReadOnlyList<double> context)
    {
        Guard.Index(arm, Arms, nameof(arm));
        CheckContext(context);
        return Bound(arm, context);
    }

    /// <summary>The arm with the highest upper confidence bound for the context.</summary>
    public int SelectArm(IReadOnlyList<double> context)
    {
        CheckContext(context);
        var best = 0;
        var bestBound = double.NegativeInfinity;
        for (var k = 0; k < Arms; k++)
        {
            var bound = Bound(k, context);
            if (bound > bestBound) (best, bestBound) = (k, bound);
        }
        return best;
    }

    /// <summary>Records the reward seen after playing <paramref name="arm"/> in the context: A += x xᵀ, b += r x.</summary>
    public void Update(int arm, IReadOnlyList<double> context, double reward)
    {
        Guard.Index(arm, Arms, nameof(arm));
        CheckContext(context);
        Guard.Finite(reward, nameof(reward));
        var d = Dimension;
        var a = _a[arm];
        var inverse = _aInverse[arm];
        var u = _scratch;                         // u = A⁻¹x (A⁻¹ is symmetric)
        double xu = 0;
        for (var i = 0; i < d; i++)
        {
            double s = 0;
            for (var j = 0; j < d; j++) s += inverse[i, j] * context[j];
            u[i] = s;
            xu += context[i] * s;
        }
        var scale = 1 / (1 + xu);
        for (var i = 0; i < d; i++)
        {
            _b[arm][i] += reward * context[i];
            for (var j = 0; j < d; j++)
            {
                a[i, j] += context[i] * context[j];
                inverse[i, j] -= scale * u[i] * u[j];
            }
        }
    }

    private double Bound(int arm, IReadOnlyList<double> x)
    {
        var inverse = _aInverse[arm];
        var b = _b[arm];
        double mean = 0, variance = 0;
        for (var i = 0; i < Dimension; i++)
        {
            double theta = 0, ax = 0;
            for (var j = 0; j < Dimension; j++)
            {
                theta += inverse[i, j] * b[j];
                ax += inverse[i, j] * x[j];
            }
            mean += theta * x[i];
            variance += x[i] * ax;
        }
        return mean + Alpha * Math.Sqrt(Math.Max(variance, 0));
    }

    private void CheckContext(IReadOnlyList<double> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Count != Dimension)
            throw new ArgumentException($"context must have {Dimension} numbers (got {context.Count}).", nameof(context));
        for (var i = 0; i < context.Count; i++)
            if (!double.IsFinite(context[i])) throw Guard.NotFinite(nameof(context), context[i], i);
    }

    private static double[,] Identity(int d)
    {
        var m = new double[d, d];
        for (var i = 0; i < d; i++) m[i, i] = 1;
        return m;
    }

    private static double[] Multiply(double[,] m, double[] v)
    {
        var result = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
            for (var j = 0; j < v.Length; j++) result[i] += m[i, j] * v[j];
        return result;
    }
}
