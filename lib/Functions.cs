namespace MLPrimer;

/// <summary>Small mathematical functions the chapters use again and again (PyTorch's <c>torch.sigmoid</c> on scalars).</summary>
public static class Functions
{
    /// <summary>The logistic function 1 / (1 + e^(−z)): 0.5 at 0, tending to 0 and 1; never NaN for a non-NaN z.</summary>
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>The logistic function 1 / (1 + e^(−z)) in single precision.</summary>
    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
}
