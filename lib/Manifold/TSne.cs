using System.Diagnostics;
using MLPrimer.Device;
using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Manifold;

/// <summary>
/// t-distributed stochastic neighbour embedding (van der Maaten and Hinton 2008) with scikit-learn's options and schedule:
/// perplexity-calibrated Gaussian affinities P, Student-t affinities Q, gradient descent on KL(P‖Q) with early exaggeration
/// and momentum 0.5 for 250 iterations, then momentum 0.8, and per-coordinate gains (delta-bar-delta).
/// </summary>
public sealed class TSne
{
    /// <summary>Iterations with early exaggeration and momentum 0.5 (the paper's and scikit-learn's 250).</summary>
    public const int ExplorationIterations = 250;

    /// <summary>How often (in iterations) the KL divergence is evaluated for the stopping rules and the log.</summary>
    public const int CheckEvery = 50;

    /// <summary>Largest n for which <see cref="TSneMethod.Auto"/> picks the exact method on a GPU, and for which the final KL uses the exact normaliser.</summary>
    public const int ExactLimit = 10_000;

    private readonly int _components = 2;
    private readonly double _perplexity = 30, _earlyExaggeration = 12, _angle = 0.5, _minGradNorm = 1e-7;
    private readonly double? _learningRate;
    private readonly int _maxIterations = 1000, _iterationsWithoutProgress = 300;

    /// <summary>Dimension of the embedding (2 for a scatter plot).</summary>
    public int Components { get => _components; init => _components = value >= 1 ? value : throw new ArgumentException($"Components must be at least 1, not {value}.", nameof(Components)); }

    /// <summary>Effective number of neighbours each point's Gaussian covers: 2^H(P_i) with H in bits. Must be less than the number of points.</summary>
    public double Perplexity { get => _perplexity; init => _perplexity = value > 0 && double.IsFinite(value) ? value : throw new ArgumentException($"Perplexity must be a positive finite number, not {value}.", nameof(Perplexity)); }

    /// <summary>Factor on P during the first 250 iterations, which pulls clusters tight and far apart.</summary>
    public double EarlyExaggeration { get => _earlyExaggeration; init => _earlyExaggeration = value >= 1 && double.IsFinite(value) ? value : throw new ArgumentException($"EarlyExaggeration must be at least 1, not {value}.", nameof(EarlyExaggeration)); }

    /// <summary>Gradient-descent step; null means "auto": max(n / EarlyExaggeration / 4, 50), as in scikit-learn.</summary>
    public double? LearningRate { get => _learningRate; init => _learningRate = value is null || (value > 0 && double.IsFinite(value.Value)) ? value : throw new ArgumentException($"LearningRate must be positive (or null for auto), not {value}.", nameof(LearningRate)); }

    /// <summary>Total iterations, including the 250 with early exaggeration; at least 250 (scikit-learn's rule).</summary>
    public int MaxIterations { get => _maxIterations; init => _maxIterations = value >= ExplorationIterations ? value : throw new ArgumentException($"MaxIterations must be at least {ExplorationIterations}, not {value}.", nameof(MaxIterations)); }

    /// <summary>Stop after this many iterations without a lower KL (checked every 50), as scikit-learn's n_iter_without_progress.</summary>
    public int IterationsWithoutProgress { get => _iterationsWithoutProgress; init => _iterationsWithoutProgress = value >= 1 ? value : throw new ArgumentException($"IterationsWithoutProgress must be at least 1, not {value}.", nameof(IterationsWithoutProgress)); }

    /// <summary>Stop when the gradient's norm falls to this value (checked every 50 iterations).</summary>
    public double MinGradNorm { get => _minGradNorm; init => _minGradNorm = value >= 0 ? value : throw new ArgumentException($"MinGradNorm must be non-negative, not {value}.", nameof(MinGradNorm)); }

    /// <summary>Barnes–Hut accuracy θ: a cell whose width/distance is below it is summarised (scikit-learn's angle; our summaries add a quadrupole term, so they are more accurate at the same θ).</summary>
    public double Angle { get => _angle; init => _angle = value >= 0 && value <= 1 ? value : throw new ArgumentException($"Angle must be in [0, 1], not {value}.", nameof(Angle)); }

    /// <summary>Seed for the random initialisation.</summary>
    public int Seed { get; init; }

    /// <summary>Exact (TorchSharp, GPU-friendly), Barnes–Hut (CPU quadtree) or Auto.</summary>
    public TSneMethod Method { get; init; } = TSneMethod.Auto;

    /// <summary>PCA (default) or random initialisation.</summary>
    public TSneInit Init { get; init; } = TSneInit.Pca;

    /// <summary>Device for the tensor work (neighbour search, PCA, exact gradient); null picks one with <see cref="TorchDevice.Pick"/>.</summary>
    public torch.Device? Device { get; init; }

    /// <summary>Where progress goes (every 50 iterations; no timings, so a seeded run logs the same text every time); null for silence.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>After a fit: KL(P‖Q) of the final embedding (without exaggeration).</summary>
    public double KlDivergence { get; private set; } = double.NaN;

    /// <summary>After a fit: the number of iterations run (fewer than MaxIterations when a stopping rule fired).</summary>
    public int IterationsRun { get; private set; }

    /// <summary>After a fit: the learning rate used (resolves "auto").</summary>
    public double EffectiveLearningRate { get; private set; } = double.NaN;

    /// <summary>After a fit: the method used (resolves Auto).</summary>
    public TSneMethod MethodUsed { get; private set; } = TSneMethod.Auto;

    /// <summary>After a fit: wall-clock seconds of the whole fit.</summary>
    public double Seconds { get; private set; } = double.NaN;

    /// <summary>Embeds the rows of <paramref name="data"/> (n points × p features) into <see cref="Components"/> dimensions.</summary>
    public float[][] FitTransform(float[][] data)
    {
        var (n, p) = Validate(data);
        var clock = Stopwatch.StartNew();
        var device = Device ?? TorchDevice.Pick(Log ?? TextWriter.Null);
        var method = Resolve(Method, device, n);
        if (method == TSneMethod.BarnesHut && Components != 2)
            throw new ArgumentException($"Method BarnesHut embeds into 2 dimensions (a quadtree); Components is {Components}. Use Method = TSneMethod.Exact.", nameof(Method));
        if (Init == TSneInit.Pca && Components > Math.Min(n, p))
            throw new ArgumentException($"Init Pca needs Components ({Components}) ≤ min(points, features) = {Math.Min(n, p)}; use TSneInit.Random.", nameof(Init));
        var learningRate = LearningRate ?? Math.Max(n / EarlyExaggeration / 4, 50);

        var (objective, y) = Prepare(data, n, p, device, method, initialize: true);
        Log?.WriteLine($"[t-SNE] {n} points, {p} features -> {Components}-D, perplexity {Perplexity}, {method} on {device.type.ToString().ToLowerInvariant()}, learning rate {learningRate:G4}");

        using (objective)
        {
            var iteration = Optimize(objective, y, learningRate);
            IterationsRun = iteration;
            KlDivergence = n <= ExactLimit || method == TSneMethod.Exact
                ? objective.KlDivergence(y)
                : objective.Gradient(y, new double[y.Length], 1, computeError: true);
        }
        EffectiveLearningRate = learningRate;
        MethodUsed = method;
        Seconds = clock.Elapsed.TotalSeconds;
        Log?.WriteLine($"[t-SNE] done: {IterationsRun} iterations, KL divergence {KlDivergence:F4}");

        var result = new float[n][];
        for (var i = 0; i < n; i++)
        {
            result[i] = new float[Components];
            for (var c = 0; c < Components; c++) result[i][c] = (float)y[i * Components + c];
        }
        return result;
    }

    /// <summary>KL(P‖Q) of a given embedding of <paramref name="data"/> under this configuration's P (perplexity, method): scores any t-SNE result, e.g. another library's, on the same objective.</summary>
    public double KlDivergenceOf(float[][] data, float[][] embedding)
    {
        var (n, p) = Validate(data);
        ArgumentNullException.ThrowIfNull(embedding);
        if (embedding.Length != n || embedding.Any(r => r is null || r.Length != Components))
            throw new ArgumentException($"embedding must have {n} rows of {Components} values (one per data row, Components wide).", nameof(embedding));
        var device = Device ?? TorchDevice.Pick(TextWriter.Null);
        var method = Resolve(Method, device, n);
        if (method == TSneMethod.BarnesHut && Components != 2)
            throw new ArgumentException($"Method BarnesHut embeds into 2 dimensions (a quadtree); Components is {Components}. Use Method = TSneMethod.Exact.", nameof(Method));
        var (objective, _) = Prepare(data, n, p, device, method, initialize: false);
        using (objective)
        {
            var y = new double[n * Components];
            for (var i = 0; i < n; i++)
                for (var c = 0; c < Components; c++) y[i * Components + c] = embedding[i][c];
            return objective.KlDivergence(y);
        }
    }

    // Affinities P (sparse from the nearest neighbours, or dense) and, when asked, the starting embedding.
    private (ITSneObjective Objective, double[] Start) Prepare(float[][] data, int n, int p, torch.Device device, TSneMethod method, bool initialize)
    {
        using var scope = NewDisposeScope();
        var flat = new double[n * p];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < p; j++) flat[i * p + j] = data[i][j];
        var x = tensor(flat, [n, p], ScalarType.Float64, device);
        ITSneObjective objective;
        if (method == TSneMethod.BarnesHut)
        {
            // scikit-learn's neighbour count: ⌊3·perplexity + 1⌋, at most n − 1.
            var k = (int)Math.Min(n - 1, Math.Floor(3 * Perplexity + 1));
            var (neighbors, distances) = KNearestNeighbors.Search(x, k);
            objective = new BarnesHutObjective(JointProbabilities.FromNeighbors(n, k, neighbors, distances, Perplexity), Angle);
        }
        else
        {
            var sq = x.pow(2).sum(1);
            var d2 = (sq.unsqueeze(1) + sq.unsqueeze(0) - 2 * x.matmul(x.t())).clamp_min(0).cpu();
            var joint = JointProbabilities.FromAllDistances(n, d2.data<double>().ToArray(), Perplexity);
            objective = new ExactObjective(joint, n, Components, device);
        }
        if (!initialize) return (objective, []);
        var y = Init == TSneInit.Pca ? PcaInitialization.Pca(x, Components) : PcaInitialization.Random(n, Components, Seed);
        return (objective, y);
    }

    // Gradient descent with momentum and delta-bar-delta gains, in scikit-learn's two phases. Returns the iterations run.
    private int Optimize(ITSneObjective objective, double[] y, double learningRate)
    {
        var grad = new double[y.Length];
        var update = new double[y.Length];
        var gains = new double[y.Length];
        Array.Fill(gains, 1.0);
        const double minGain = 0.01;
        var iteration = 0;
        foreach (var (exaggeration, momentum, end, patience) in new[]
                 {
                     (EarlyExaggeration, 0.5, ExplorationIterations, ExplorationIterations),
                     (1.0, 0.8, MaxIterations, IterationsWithoutProgress),
                 })
        {
            var bestError = double.MaxValue;
            var bestIteration = iteration;
            for (; iteration < end; iteration++)
            {
                var check = (iteration + 1) % CheckEvery == 0 || iteration == end - 1;
                var error = objective.Gradient(y, grad, exaggeration, check);
                double norm2 = 0;
                for (var t = 0; t < y.Length; t++)
                {
                    // A gain grows while the step keeps going the same way and shrinks when the gradient flips sign.
                    gains[t] = update[t] * grad[t] < 0 ? gains[t] + 0.2 : Math.Max(gains[t] * 0.8, minGain);
                    var g = grad[t] * gains[t];
                    norm2 += g * g;
                    update[t] = momentum * update[t] - learningRate * g;
                    y[t] += update[t];
                }
                if (!check) continue;
                var norm = Math.Sqrt(norm2);
                Log?.WriteLine($"[t-SNE] iteration {iteration + 1,4}: KL divergence {error:F4}{(exaggeration != 1 ? " (exaggerated P)" : "")}, gradient norm {norm:E2}");
                if (!double.IsFinite(error))
                    throw new InvalidOperationException($"t-SNE diverged at iteration {iteration + 1} (KL = {error}); try a smaller LearningRate.");
                if (error < bestError) { bestError = error; bestIteration = iteration; }
                else if (iteration - bestIteration > patience) { iteration++; break; }
                if (norm <= MinGradNorm) { iteration++; break; }
            }
        }
        return iteration;
    }

    private TSneMethod Resolve(TSneMethod method, torch.Device device, int n) => method switch
    {
        TSneMethod.Auto => Components != 2 || (device.type == DeviceType.CUDA && n <= ExactLimit) ? TSneMethod.Exact : TSneMethod.BarnesHut,
        _ => method,
    };

    private (int N, int P) Validate(float[][] data)
    {
        var p = Guard.Rows(data, nameof(data));
        if (data.Length < 2) throw new ArgumentException("data must have at least 2 rows to embed.", nameof(data));
        if (Perplexity >= data.Length)
            throw new ArgumentException($"Perplexity ({Perplexity}) must be less than the number of points ({data.Length}), scikit-learn's rule.", nameof(Perplexity));
        return (data.Length, p);
    }
}
