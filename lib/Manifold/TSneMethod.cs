namespace MLPrimer.Manifold;

/// <summary>How <see cref="TSne"/> computes the gradient.</summary>
public enum TSneMethod
{
    /// <summary>Exact on a CUDA device when n ≤ 10,000 (each n×n matrix then takes up to 0.8 GB), Barnes–Hut otherwise (2-D); exact for other dimensions.</summary>
    Auto,
    /// <summary>All n² pairs on the TorchSharp device; P from every point (scikit-learn's method="exact").</summary>
    Exact,
    /// <summary>O(n log n) Barnes–Hut quadtree on the CPU (cells summarised to second order), P from the ⌊3·perplexity + 1⌋ nearest neighbours (2-D only).</summary>
    BarnesHut,
}
