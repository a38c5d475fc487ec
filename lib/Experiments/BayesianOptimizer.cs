namespace MLPrimer.Experiments;

/// <summary>One evaluated point of a search: its coordinates and the objective's value.</summary>
public sealed record Trial(double[] X, double Y);

/// <summary>What a search found: the best point, its value, and every evaluation in order.</summary>
public sealed record OptimizationResult(double[] BestX, double BestY, IReadOnlyList<Trial> History)
{
    /// <summary>The best value seen after each evaluation (the curve that compares search methods).</summary>
    public double[] BestSoFar()
    {
        var best = new double[History.Count];
        for (var i = 0; i < best.Length; i++) best[i] = Math.Max(i > 0 ? best[i - 1] : double.NegativeInfinity, History[i].Y);
        return best;
    }
}

/// <summary>Seeded Bayesian optimisation of a black-box function on a box: a Gaussian-process surrogate and expected improvement (maximises).</summary>
/// <remarks>Inputs are rescaled to the unit cube. The first <c>initialPoints</c> suggestions are uniform at random; after that each
/// suggestion fits a GP (Matérn 5/2 by default, targets standardised, length-scale chosen from a small grid by marginal likelihood) to
/// every observation and returns the best of <c>candidates</c> random points and local perturbations of the incumbent, ranked by EI.</remarks>
public sealed class BayesianOptimizer
{
    private static readonly double[] LengthScales = [0.05, 0.1, 0.2, 0.3, 0.5, 1.0];
    private readonly double[] _lower, _upper;
    private readonly Random _rng;
    private readonly List<Trial> _history = [];
    private readonly List<double[]> _unit = [];

    /// <summary>Number of random evaluations before the surrogate takes over.</summary>
    public int InitialPoints { get; }
    /// <summary>The surrogate's covariance shape.</summary>
    public KernelType KernelType { get; }
    /// <summary>Expected-improvement margin ξ, in standardised units of the objective; larger explores more.</summary>
    public double Xi { get; }
    /// <summary>Random candidate points scored by the acquisition at each step.</summary>
    public int Candidates { get; }
    /// <summary>Every evaluation told so far, in order.</summary>
    public IReadOnlyList<Trial> History => _history;

    /// <summary>Creates an optimiser over the box [lower, upper] (one entry per dimension).</summary>
    public BayesianOptimizer(double[] lower, double[] upper, int seed, int initialPoints = 5, KernelType kernel = KernelType.Matern52,
        double xi = 0.01, int candidates = 2000)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Length == 0 || lower.Length != upper.Length)
            throw new ArgumentException("lower and upper must be non-empty and of equal length.", nameof(upper));
        for (var i = 0; i < lower.Length; i++)
            if (!(upper[i] > lower[i]) || !double.IsFinite(lower[i]) || !double.IsFinite(upper[i]))
                throw new ArgumentException($"Dimension {i}: upper ({upper[i]}) must be finite and greater than lower ({lower[i]}).", nameof(upper));
        Guard.AtLeast(initialPoints, 1, nameof(initialPoints));
        if (!(xi >= 0)) throw new ArgumentException($"xi must be non-negative (got {xi}).", nameof(xi));
        Guard.AtLeast(candidates, 1, nameof(candidates));
        _lower = (double[])lower.Clone();
        _upper = (double[])upper.Clone();
        _rng = new Random(seed);
        InitialPoints = initialPoints;
        KernelType = kernel;
        Xi = xi;
        Candidates = candidates;
    }

    /// <summary>The next point to evaluate.</summary>
    public double[] Suggest()
    {
        if (_history.Count < InitialPoints) return FromUnit(RandomUnit());
        var incumbent = _unit[_history.Select((e, i) => (e.Y, i)).Max().i];
        var candidates = new List<double[]>(Candidates);
        for (var c = 0; c < Candidates; c++)
            candidates.Add(c % 4 == 3 ? Perturb(incumbent, 0.05) : RandomUnit());
        var ei = Acquisition(FitSurrogate(), candidates);
        int arg = 0;
        for (var i = 1; i < ei.Length; i++) if (ei[i] > ei[arg]) arg = i;
        return FromUnit(candidates[arg]);
    }

    /// <summary>Records the objective's value at a point.</summary>
    public void Tell(double[] x, double y)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length != _lower.Length) throw new ArgumentException($"x must have {_lower.Length} coordinates.", nameof(x));
        if (!double.IsFinite(y)) throw new ArgumentException("y must be finite.", nameof(y));
        _history.Add(new Trial((double[])x.Clone(), y));
        _unit.Add(ToUnit(x));
    }

    /// <summary>Runs <paramref name="evaluations"/> suggest–evaluate–tell rounds and returns the best point found.</summary>
    public OptimizationResult Maximize(Func<double[], double> objective, int evaluations)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Guard.AtLeast(evaluations, 1, nameof(evaluations));
        for (var i = 0; i < evaluations; i++)
        {
            var x = Suggest();
            Tell(x, objective(x));
        }
        var bestIndex = _history.Select((e, i) => (e.Y, i)).Max().i;
        return new OptimizationResult(_history[bestIndex].X, _history[bestIndex].Y, _history.ToList());
    }

    /// <summary>The GP fitted to the observations so far, on unit-cube coordinates (see <see cref="ToUnit"/>); the length-scale maximises the marginal likelihood over a small grid.</summary>
    public GaussianProcessRegressor FitSurrogate()
    {
        if (_history.Count == 0) throw new InvalidOperationException("Tell at least one observation before fitting the surrogate.");
        var y = _history.Select(e => e.Y).ToArray();
        GaussianProcessRegressor? best = null;
        foreach (var l in LengthScales)
        {
            var gp = new GaussianProcessRegressor(new Kernel(KernelType, l), alpha: 1e-6, normalizeY: true).Fit(_unit, y);
            if (best is null || gp.LogMarginalLikelihood > best.LogMarginalLikelihood) best = gp;
        }
        return best!;
    }

    /// <summary>The surrogate's predictive mean and standard deviation at points of the box (what the next <see cref="Suggest"/> sees).</summary>
    public GaussianProcessPrediction PredictAt(IReadOnlyList<double[]> x) => FitSurrogate().Predict(x.Select(ToUnit).ToArray());

    /// <summary>The expected improvement at points of the box, exactly as <see cref="Suggest"/> ranks its candidates.</summary>
    public double[] AcquisitionAt(IReadOnlyList<double[]> x) => Acquisition(FitSurrogate(), x.Select(ToUnit).ToArray());

    // EI against the best surrogate mean at an observed point (robust to noise), with ξ in units of the objective's spread.
    private double[] Acquisition(GaussianProcessRegressor gp, IReadOnlyList<double[]> unitPoints)
    {
        double best = gp.Predict(_unit).Mean.Max();
        return ExpectedImprovement.Compute(gp.Predict(unitPoints), best, Xi * StdOfY());
    }

    /// <summary>Maps a point of the box to the unit cube.</summary>
    public double[] ToUnit(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length != _lower.Length) throw new ArgumentException($"x must have {_lower.Length} coordinates.", nameof(x));
        return x.Select((v, i) => (v - _lower[i]) / (_upper[i] - _lower[i])).ToArray();
    }

    private double[] FromUnit(double[] u) => u.Select((v, i) => _lower[i] + v * (_upper[i] - _lower[i])).ToArray();

    private double[] RandomUnit() => Enumerable.Range(0, _lower.Length).Select(_ => _rng.NextDouble()).ToArray();

    private double[] Perturb(double[] u, double scale) =>
        u.Select(v => Math.Clamp(v + scale * Gaussian(), 0, 1)).ToArray();

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());

    private double StdOfY()
    {
        double mean = _history.Average(e => e.Y);
        double sd = Math.Sqrt(_history.Sum(e => (e.Y - mean) * (e.Y - mean)) / _history.Count);
        return sd > 0 ? sd : 1;
    }
}
