namespace MLPrimer.Experiments;

/// <summary>Which covariance function a <see cref="Kernel"/> uses.</summary>
public enum KernelType
{
    /// <summary>Squared exponential exp(−r²/2ℓ²): infinitely smooth functions.</summary>
    Rbf,
    /// <summary>Matérn ν = 5/2: (1 + √5 r/ℓ + 5r²/3ℓ²)·exp(−√5 r/ℓ), twice differentiable functions (the usual choice for tuning).</summary>
    Matern52,
}

/// <summary>A stationary covariance function k(x, x') = amplitude · g(|x − x'| / lengthScale) (scikit-learn's ConstantKernel * RBF or Matern(nu=2.5)).</summary>
public sealed record Kernel
{
    /// <summary>The covariance function's shape.</summary>
    public KernelType Type { get; }
    /// <summary>Distance over which the function changes; inputs much closer than this are strongly correlated.</summary>
    public double LengthScale { get; }
    /// <summary>Prior variance of the function at any point (k(x, x)).</summary>
    public double Amplitude { get; }

    /// <summary>Creates a kernel; lengthScale and amplitude must be positive.</summary>
    public Kernel(KernelType type, double lengthScale, double amplitude = 1.0)
    {
        Guard.Positive(lengthScale, nameof(lengthScale));
        Guard.Positive(amplitude, nameof(amplitude));
        Type = type;
        LengthScale = lengthScale;
        Amplitude = amplitude;
    }

    /// <summary>A squared-exponential (RBF) kernel.</summary>
    public static Kernel Rbf(double lengthScale, double amplitude = 1.0) => new(KernelType.Rbf, lengthScale, amplitude);

    /// <summary>A Matérn 5/2 kernel.</summary>
    public static Kernel Matern52(double lengthScale, double amplitude = 1.0) => new(KernelType.Matern52, lengthScale, amplitude);

    /// <summary>The covariance between two points of equal dimension.</summary>
    public double Evaluate(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"Points have {a.Count} and {b.Count} coordinates; they must match.", nameof(b));
        if (a.Any(v => !double.IsFinite(v))) throw new ArgumentException("a must hold finite coordinates (no NaN or infinity).", nameof(a));
        if (b.Any(v => !double.IsFinite(v))) throw new ArgumentException("b must hold finite coordinates (no NaN or infinity).", nameof(b));
        return Evaluate(a.ToArray(), b.ToArray());
    }

    // Fast path for the GP's kernel matrices; the caller guarantees equal lengths.
    internal double Evaluate(double[] a, double[] b)
    {
        double d2 = 0;
        for (var i = 0; i < a.Length; i++) { double d = a[i] - b[i]; d2 += d * d; }
        double r2 = d2 / (LengthScale * LengthScale);
        if (Type == KernelType.Rbf) return Amplitude * Math.Exp(-0.5 * r2);
        double s = Math.Sqrt(5 * r2);
        return Amplitude * (1 + s + s * s / 3) * Math.Exp(-s);
    }
}
