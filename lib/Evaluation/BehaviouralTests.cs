using System.Globalization;

namespace MLPrimer.Evaluation;

/// <summary>Which way a score may move when a directional expectation test changes an input.</summary>
public enum ExpectedDirection
{
    /// <summary>The score must not go down (e.g. a larger tumour must not look less malignant).</summary>
    NonDecreasing,

    /// <summary>The score must not go up.</summary>
    NonIncreasing,
}

/// <summary>
/// Behavioural tests of a model seen as a black box <c>score(features)</c> (a probability or any other score): perturbation,
/// invariance and directional expectation tests. Each returns a <see cref="BehaviouralTestReport"/>; inputs are never modified.
/// </summary>
public static class BehaviouralTests
{
    /// <summary>
    /// Perturbation test: adds Gaussian noise of standard deviation <paramref name="noiseScale"/> × (each feature's standard
    /// deviation over the inputs) to every input <paramref name="repeats"/> times; an input fails when any noisy copy gets a
    /// different label (score &gt;= <paramref name="threshold"/>) than the clean input. The failure rate is the prediction change rate.
    /// </summary>
    public static BehaviouralTestReport Perturbation(Func<float[], double> score, IReadOnlyList<float[]> inputs, double noiseScale,
        int repeats = 5, double maxFailureRate = 0.05, double threshold = 0.5, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(score);
        int width = Guard.Rows(inputs, nameof(inputs), cells: Guard.Cells.Any);
        if (!(noiseScale >= 0 && double.IsFinite(noiseScale)))
            throw new ArgumentOutOfRangeException(nameof(noiseScale), noiseScale, "noiseScale must be a finite number >= 0.");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "repeats must be at least 1.");
        CheckRate(maxFailureRate);
        if (!double.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be finite.");

        var std = FeatureStandardDeviations(inputs, width);
        var random = new Random(seed);
        var failures = new List<BehaviouralCase>();
        var noisy = new float[width];
        for (int row = 0; row < inputs.Count; row++)
        {
            double before = Score(score, (float[])inputs[row].Clone());
            bool label = before >= threshold;
            for (int r = 0; r < repeats; r++)
            {
                for (int j = 0; j < width; j++)
                    noisy[j] = (float)(inputs[row][j] + noiseScale * std[j] * Gaussian(random));
                double after = Score(score, (float[])noisy.Clone());
                if ((after >= threshold) != label)
                {
                    failures.Add(new BehaviouralCase(row, before, after));
                    // Keep drawing so the random stream, and hence every later row's noise, does not depend on this outcome.
                    for (int rest = r + 1; rest < repeats; rest++)
                        for (int j = 0; j < width; j++) Gaussian(random);
                    break;
                }
            }
        }
        var name = string.Format(CultureInfo.InvariantCulture, "perturbation (noise {0}σ, {1} draws)", noiseScale, repeats);
        return new BehaviouralTestReport(name, inputs.Count, failures, maxFailureRate);
    }

    /// <summary>
    /// Invariance test: applies <paramref name="change"/> (which should alter only an irrelevant or sensitive feature) to a copy of
    /// every input; an input fails when its label (score &gt;= <paramref name="threshold"/>) changes or, when
    /// <paramref name="tolerance"/> is given, when its score moves by more than that.
    /// </summary>
    public static BehaviouralTestReport Invariance(Func<float[], double> score, IReadOnlyList<float[]> inputs, Func<float[], float[]> change,
        double threshold = 0.5, double? tolerance = null, double maxFailureRate = 0.0, string name = "invariance")
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(change);
        int width = Guard.Rows(inputs, nameof(inputs), cells: Guard.Cells.Any);
        if (!double.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be finite.");
        if (tolerance is { } t) CheckTolerance(t);
        CheckRate(maxFailureRate);
        var failures = new List<BehaviouralCase>();
        for (int row = 0; row < inputs.Count; row++)
        {
            var (before, after) = BeforeAfter(score, inputs[row], change, width);
            bool flipped = (before >= threshold) != (after >= threshold);
            if (flipped || (tolerance is { } tol && Math.Abs(after - before) > tol)) failures.Add(new BehaviouralCase(row, before, after));
        }
        return new BehaviouralTestReport(name, inputs.Count, failures, maxFailureRate);
    }

    /// <summary>
    /// Directional expectation test: applies <paramref name="change"/> to a copy of every input; an input fails when its score moves
    /// against <paramref name="expected"/> by more than <paramref name="tolerance"/>.
    /// </summary>
    public static BehaviouralTestReport DirectionalExpectation(Func<float[], double> score, IReadOnlyList<float[]> inputs,
        Func<float[], float[]> change, ExpectedDirection expected, double tolerance = 0.0, double maxFailureRate = 0.0,
        string name = "directional expectation")
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(change);
        int width = Guard.Rows(inputs, nameof(inputs), cells: Guard.Cells.Any);
        CheckTolerance(tolerance);
        CheckRate(maxFailureRate);
        if (expected is not (ExpectedDirection.NonDecreasing or ExpectedDirection.NonIncreasing))
            throw new ArgumentException($"Unknown direction {expected}.", nameof(expected));
        var failures = new List<BehaviouralCase>();
        for (int row = 0; row < inputs.Count; row++)
        {
            var (before, after) = BeforeAfter(score, inputs[row], change, width);
            bool wrong = expected == ExpectedDirection.NonDecreasing ? after < before - tolerance : after > before + tolerance;
            if (wrong) failures.Add(new BehaviouralCase(row, before, after));
        }
        return new BehaviouralTestReport(name, inputs.Count, failures, maxFailureRate);
    }

    private static (double Before, double After) BeforeAfter(Func<float[], double> score, float[] input, Func<float[], float[]> change, int width)
    {
        double before = Score(score, (float[])input.Clone());
        var changed = change((float[])input.Clone());
        if (changed is null || changed.Length != width)
            throw new ArgumentException($"change must return a feature vector of the same length ({width}).", nameof(change));
        return (before, Score(score, changed));
    }

    private static double Score(Func<float[], double> score, float[] features)
    {
        double s = score(features);
        if (!double.IsFinite(s)) throw new ArgumentException($"score must return finite numbers; it returned {s}.", nameof(score));
        return s;
    }

    private static void CheckRate(double maxFailureRate)
    {
        if (!(maxFailureRate >= 0 && maxFailureRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(maxFailureRate), maxFailureRate, "maxFailureRate must lie in [0, 1].");
    }

    private static void CheckTolerance(double tolerance)
    {
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be a finite number >= 0.");
    }

    /// <summary>Population standard deviation of each column.</summary>
    private static double[] FeatureStandardDeviations(IReadOnlyList<float[]> inputs, int width)
    {
        var mean = new double[width];
        foreach (var row in inputs) for (int j = 0; j < width; j++) mean[j] += row[j];
        for (int j = 0; j < width; j++) mean[j] /= inputs.Count;
        var variance = new double[width];
        foreach (var row in inputs)
            for (int j = 0; j < width; j++)
            {
                double d = row[j] - mean[j];
                variance[j] += d * d;
            }
        for (int j = 0; j < width; j++) variance[j] = Math.Sqrt(variance[j] / inputs.Count);
        return variance;
    }

    /// <summary>A standard normal draw (Box-Muller, one value per call, so the stream is easy to follow).</summary>
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(); // (0, 1]: log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
