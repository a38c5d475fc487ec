using MathNet.Numerics.LinearAlgebra;

namespace MLPrimer.Monitoring;

/// <summary>Binary L2-regularised logistic regression fitted by Newton's method (scikit-learn's LogisticRegression(C) objective), with sample weights and an optional prior model to shrink toward (fine-tuning).</summary>
public sealed class LogisticRegression
{
    /// <summary>Inverse regularisation strength: the penalty is ‖w − w₀‖²/(2C), the intercept unpenalised.</summary>
    public double C { get; }
    /// <summary>Feature weights after Fit.</summary>
    public double[] Coefficients { get; private set; } = [];
    /// <summary>Intercept after Fit.</summary>
    public double Intercept { get; private set; }

    /// <summary>A model with inverse regularisation strength C (> 0).</summary>
    public LogisticRegression(double c = 1.0)
    {
        if (!(c > 0)) throw new ArgumentException($"c must be positive, got {c}.", nameof(c));
        C = c;
    }

    /// <summary>Fits labels 0/1; <paramref name="sampleWeight"/> scales each row's loss; with <paramref name="prior"/>, the penalty pulls the weights toward the prior's instead of toward zero and Newton starts there.</summary>
    public LogisticRegression Fit(double[][] x, int[] y, double[]? sampleWeight = null, LogisticRegression? prior = null)
    {
        var d = Guard.Rows(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != x.Length) throw new ArgumentException($"y has {y.Length} labels for {x.Length} rows; lengths must match.", nameof(y));
        if (y.Any(v => v is not (0 or 1))) throw new ArgumentException("y must hold only 0 and 1.", nameof(y));
        if (sampleWeight is not null && (sampleWeight.Length != x.Length || sampleWeight.Any(w => !(w >= 0) || !double.IsFinite(w))))
            throw new ArgumentException("sampleWeight must hold one finite non-negative weight per row.", nameof(sampleWeight));
        if (prior is not null && prior.Coefficients.Length != d) throw new ArgumentException($"prior has {prior.Coefficients.Length} coefficients, the data {d} features.", nameof(prior));
        var w0 = prior is null ? new double[d + 1] : prior.Coefficients.Append(prior.Intercept).ToArray();
        var beta = Vector<double>.Build.DenseOfArray((double[])w0.Clone());
        for (var iter = 0; iter < 100; iter++)
        {
            var grad = Vector<double>.Build.Dense(d + 1);
            var hess = Matrix<double>.Build.Dense(d + 1, d + 1);
            for (var i = 0; i < x.Length; i++)
            {
                var sw = sampleWeight?[i] ?? 1.0;
                if (sw == 0) continue;
                var p = Sigmoid(Linear(beta, x[i], d));
                var r = sw * (p - y[i]);
                var h = sw * Math.Max(p * (1 - p), 1e-10);
                for (var a = 0; a <= d; a++)
                {
                    var xa = a < d ? x[i][a] : 1.0;
                    grad[a] += r * xa;
                    for (var b = a; b <= d; b++) hess[a, b] += h * xa * (b < d ? x[i][b] : 1.0);
                }
            }
            for (var a = 0; a <= d; a++)
            {
                for (var b = 0; b < a; b++) hess[a, b] = hess[b, a];
                if (a < d) { grad[a] += (beta[a] - w0[a]) / C; hess[a, a] += 1 / C; }
            }
            hess[d, d] += 1e-10;
            var step = hess.Solve(grad);
            beta -= step;
            if (step.AbsoluteMaximum() < 1e-9) break;
        }
        Coefficients = beta.SubVector(0, d).ToArray();
        Intercept = beta[d];
        return this;
    }

    /// <summary>P(y = 1 | x) for each row.</summary>
    public double[] PredictProba(double[][] x)
    {
        if (Coefficients.Length == 0) throw new InvalidOperationException("Call Fit before PredictProba.");
        var d = Guard.Rows(x, nameof(x));
        if (d != Coefficients.Length) throw new ArgumentException($"x has {d} features, the model {Coefficients.Length}.", nameof(x));
        return x.Select(row => Sigmoid(Intercept + row.Select((v, k) => v * Coefficients[k]).Sum())).ToArray();
    }

    /// <summary>Class 1 where P(y = 1 | x) ≥ 0.5.</summary>
    public int[] Predict(double[][] x) => PredictProba(x).Select(p => p >= 0.5 ? 1 : 0).ToArray();

    private static double Linear(Vector<double> beta, double[] row, int d)
    {
        var z = beta[d];
        for (var k = 0; k < d; k++) z += beta[k] * row[k];
        return z;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
