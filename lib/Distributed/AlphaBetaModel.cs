namespace MLPrimer.Distributed;

/// <summary>The alpha-beta (latency-bandwidth, Hockney) cost model of one message or collective: time = α + β · bytes.</summary>
/// <param name="AlphaMs">α: the fixed cost of one call in milliseconds (latency, software overhead, synchronisation).</param>
/// <param name="BetaMsPerByte">β: the cost of each byte in milliseconds, the inverse of the effective bandwidth.</param>
public sealed record AlphaBetaModel(double AlphaMs, double BetaMsPerByte)
{
    /// <summary>Predicted time in milliseconds for <paramref name="bytes"/> bytes.</summary>
    public double PredictMs(double bytes)
    {
        if (!(bytes >= 0) || double.IsInfinity(bytes))
            throw new ArgumentException($"bytes must be a finite number ≥ 0 (got {bytes}).", nameof(bytes));
        return AlphaMs + BetaMsPerByte * bytes;
    }

    /// <summary>Effective bandwidth 1/β in gigabytes (10⁹ bytes) per second.</summary>
    public double BandwidthGBps => 1 / BetaMsPerByte / 1e6;

    /// <summary>Fits α and β to measured (bytes, milliseconds) pairs by least squares on the relative error, so a 4-byte call
    /// and a 4-MiB call count alike.</summary>
    public static AlphaBetaModel Fit(IReadOnlyList<double> bytes, IReadOnlyList<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (bytes.Count != milliseconds.Count)
            throw new ArgumentException($"bytes ({bytes.Count}) and milliseconds ({milliseconds.Count}) must have the same length.", nameof(milliseconds));
        if (bytes.Any(b => !(b >= 0) || double.IsInfinity(b)))
            throw new ArgumentException("every message size must be a finite number of bytes ≥ 0.", nameof(bytes));
        if (bytes.Distinct().Count() < 2)
            throw new ArgumentException("bytes must hold at least two different message sizes.", nameof(bytes));
        if (milliseconds.Any(t => !(t > 0) || double.IsInfinity(t)))
            throw new ArgumentException("every time must be a positive finite number of milliseconds.", nameof(milliseconds));
        // Weighted normal equations with weights 1/t²: minimise Σ ((α + β b − t) / t)².
        double s0 = 0, s1 = 0, s2 = 0, r0 = 0, r1 = 0;
        for (var i = 0; i < bytes.Count; i++)
        {
            double w = 1 / (milliseconds[i] * milliseconds[i]), b = bytes[i], t = milliseconds[i];
            s0 += w; s1 += w * b; s2 += w * b * b; r0 += w * t; r1 += w * b * t;
        }
        var det = s0 * s2 - s1 * s1;
        return new AlphaBetaModel((r0 * s2 - s1 * r1) / det, (s0 * r1 - s1 * r0) / det);
    }
}
