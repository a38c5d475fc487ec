using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MLPrimer.Experiments;

/// <summary>Predictive mean and standard deviation of a Gaussian process at each query point.</summary>
public sealed record GaussianProcessPrediction(double[] Mean, double[] Std);

/// <summary>Gaussian-process regression with a fixed kernel (scikit-learn's GaussianProcessRegressor with optimizer=None).</summary>
/// <remarks>Fit solves (K + alpha·I)·w = y by a Cholesky factorisation K + alpha·I = L·Lᵀ. At a query x with k* = k(X, x):
/// mean = k*ᵀw, variance = k(x, x) − vᵀv with v = L⁻¹k*. With <c>normalizeY</c> the targets are standardised before fitting and
/// the predictions scaled back, as in scikit-learn.</remarks>
public sealed class GaussianProcessRegressor
{
    private double[][]? _x;
    private Cholesky<double>? _cholesky;
    private Vector<double>? _weights;
    private double _yMean, _yStd = 1;

    /// <summary>The covariance function.</summary>
    public Kernel Kernel { get; }
    /// <summary>Value added to the kernel matrix's diagonal: observation-noise variance (and numerical jitter).</summary>
    public double Alpha { get; }
    /// <summary>Whether the targets are standardised to mean 0 and standard deviation 1 before fitting.</summary>
    public bool NormalizeY { get; }
    /// <summary>log p(y | X) of the training targets under the GP (after normalisation when <see cref="NormalizeY"/> is set), as scikit-learn's log_marginal_likelihood_value_.</summary>
    public double LogMarginalLikelihood { get; private set; } = double.NaN;

    /// <summary>Creates an unfitted regressor; alpha must be positive.</summary>
    public GaussianProcessRegressor(Kernel kernel, double alpha = 1e-10, bool normalizeY = false)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Guard.Positive(alpha, nameof(alpha));
        Kernel = kernel;
        Alpha = alpha;
        NormalizeY = normalizeY;
    }

    /// <summary>Conditions the GP on the training points and targets.</summary>
    public GaussianProcessRegressor Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        Guard.Rows(x, nameof(x), cells: Guard.Cells.Finite);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count != x.Count) throw new ArgumentException($"y has {y.Count} targets for {x.Count} points; it needs one per point.", nameof(y));
        if (y.Any(v => !double.IsFinite(v))) throw new ArgumentException("y must contain only finite values.", nameof(y));

        int n = x.Count;
        _yMean = 0;
        _yStd = 1;
        if (NormalizeY)
        {
            _yMean = y.Average();
            var sd = Math.Sqrt(y.Sum(v => (v - _yMean) * (v - _yMean)) / n);   // population std, as numpy's default
            _yStd = sd > 0 ? sd : 1;
        }
        var target = Vector<double>.Build.Dense(n, i => (y[i] - _yMean) / _yStd);
        var points = x.Select(p => (double[])p.Clone()).ToArray();
        var k = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            k[i, i] = Kernel.Amplitude + Alpha;
            for (var j = 0; j < i; j++) k[i, j] = k[j, i] = Kernel.Evaluate(points[i], points[j]);
        }
        _cholesky = k.Cholesky();
        _weights = _cholesky.Solve(target);
        _x = points;
        double logDet = 0;
        for (var i = 0; i < n; i++) logDet += Math.Log(_cholesky.Factor[i, i]);
        LogMarginalLikelihood = -0.5 * target.DotProduct(_weights) - logDet - 0.5 * n * Math.Log(2 * Math.PI);
        return this;
    }

    /// <summary>Predictive mean and standard deviation of the (noise-free) function at each query point.</summary>
    public GaussianProcessPrediction Predict(IReadOnlyList<double[]> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (_x is null || _cholesky is null || _weights is null) throw new InvalidOperationException("Call Fit before Predict.");
        int n = _x.Length, m = x.Count;
        if (x.Any(p => p is null || p.Length != _x[0].Length))
            throw new ArgumentException($"Every query point must have {_x[0].Length} coordinates, like the training points.", nameof(x));
        if (x.Any(p => p.Any(v => !double.IsFinite(v)))) throw new ArgumentException("x must contain only finite coordinates.", nameof(x));
        var queries = x.Select(p => p.ToArray()).ToArray();
        var kStar = Matrix<double>.Build.Dense(n, m, (i, j) => Kernel.Evaluate(_x[i], queries[j]));
        var mean = kStar.TransposeThisAndMultiply(_weights);
        var v = TriangularSolve.Lower(_cholesky.Factor, kStar);   // v = L⁻¹k*, column-major, one column per query
        var means = new double[m];
        var stds = new double[m];
        for (var j = 0; j < m; j++)
        {
            double squares = 0;
            for (var i = 0; i < n; i++) squares += v[j * n + i] * v[j * n + i];
            double variance = Kernel.Amplitude - squares;
            means[j] = mean[j] * _yStd + _yMean;
            stds[j] = Math.Sqrt(Math.Max(variance, 0)) * _yStd;
        }
        return new GaussianProcessPrediction(means, stds);
    }
}

internal static class TriangularSolve
{
    /// <summary>Forward substitution L·V = B for a lower-triangular L; returns V column-major (column c at [c·n, (c+1)·n)).</summary>
    internal static double[] Lower(Matrix<double> lower, Matrix<double> b)
    {
        int n = lower.RowCount, columns = b.ColumnCount;
        var rows = new double[n * n];                      // L row-major, so each dot product below reads contiguous memory
        for (var i = 0; i < n; i++)
            for (var k = 0; k <= i; k++) rows[i * n + k] = lower[i, k];
        var data = b.ToColumnMajorArray();
        for (var c = 0; c < columns; c++)
        {
            var col = data.AsSpan(c * n, n);
            for (var i = 0; i < n; i++)
            {
                var row = rows.AsSpan(i * n, i);
                double s = col[i];
                for (var k = 0; k < i; k++) s -= row[k] * col[k];
                col[i] = s / rows[i * n + i];
            }
        }
        return data;
    }
}
