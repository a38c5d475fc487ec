namespace MLPrimer.Manifold;

/// <summary>How <see cref="TSne"/> places the points before optimising.</summary>
public enum TSneInit
{
    /// <summary>The top principal components, rescaled so the first has standard deviation 1e-4 (scikit-learn's default).</summary>
    Pca,
    /// <summary>Gaussian noise with standard deviation 1e-4 from <see cref="TSne.Seed"/> (the paper's choice).</summary>
    Random,
}
