namespace MLPrimer.Manifold;

/// <summary>The t-SNE cost KL(P‖Q) and its gradient for an embedding stored row-major in a flat array.</summary>
internal interface ITSneObjective : IDisposable
{
    /// <summary>Writes ∂KL(αP‖Q)/∂y into <paramref name="gradient"/> (α = exaggeration); returns that KL when <paramref name="computeError"/>, else NaN.</summary>
    double Gradient(double[] embedding, double[] gradient, double exaggeration, bool computeError);

    /// <summary>KL(P‖Q) of an embedding, with Q's normaliser summed over all pairs.</summary>
    double KlDivergence(double[] embedding);
}
