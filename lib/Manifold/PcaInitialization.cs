using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Manifold;

/// <summary>Starting embeddings: the top principal components rescaled to standard deviation 1e-4, or small Gaussian noise.</summary>
internal static class PcaInitialization
{
    public const double Scale = 1e-4;

    /// <summary>Projects the data onto its top principal components (eigenvectors of the covariance, each signed so its largest loading is positive), then rescales so the first column's standard deviation is 1e-4 (scikit-learn's rule).</summary>
    public static double[] Pca(Tensor data, int components)
    {
        using var scope = NewDisposeScope();
        var centred = data - data.mean([0], keepdim: true);
        var covariance = centred.t().matmul(centred) / Math.Max(1, data.shape[0] - 1);
        var (_, vectors) = linalg.eigh(covariance);                       // ascending eigenvalues
        var top = vectors.narrow(1, vectors.shape[1] - components, components).flip(1);
        var largest = top.abs().argmax(0, keepdim: true);
        var signs = top.gather(0, largest).sign();
        signs = where(signs == 0, ones_like(signs), signs);
        var projected = centred.matmul(top * signs);
        var std = projected.select(1, 0).std(unbiased: false).item<double>();
        if (std > 0) projected = projected / std * Scale;
        return projected.cpu().contiguous().data<double>().ToArray();
    }

    /// <summary>Independent N(0, 1e-4²) coordinates from a seeded generator (Box–Muller), identical on every platform.</summary>
    public static double[] Random(int n, int components, int seed)
    {
        var random = new Random(seed);
        var values = new double[n * components];
        for (var t = 0; t < values.Length; t += 2)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2 * Math.Log(u1));
            values[t] = Scale * r * Math.Cos(2 * Math.PI * u2);
            if (t + 1 < values.Length) values[t + 1] = Scale * r * Math.Sin(2 * Math.PI * u2);
        }
        return values;
    }
}
