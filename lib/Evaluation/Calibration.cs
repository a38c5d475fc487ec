namespace MLPrimer.Evaluation;

/// <summary>How the probability axis is cut into bins (scikit-learn's calibration_curve <c>strategy</c>).</summary>
public enum CalibrationStrategy
{
    /// <summary>Equal-width bins over [0, 1].</summary>
    Uniform,

    /// <summary>Bins holding roughly equal numbers of samples (edges at the quantiles of the predicted probabilities).</summary>
    Quantile,
}

/// <summary>A reliability diagram: for each non-empty bin, the observed frequency of class 1 against the mean predicted probability.</summary>
/// <param name="ProbTrue">Fraction of samples in the bin whose label is 1.</param>
/// <param name="ProbPred">Mean predicted probability in the bin.</param>
/// <param name="Counts">Number of samples in the bin.</param>
public sealed record CalibrationCurveResult(double[] ProbTrue, double[] ProbPred, int[] Counts);

public static partial class Metrics
{
    /// <summary>Reliability diagram points (scikit-learn's calibration_curve, same bins: a value on an edge goes to the lower bin).</summary>
    public static CalibrationCurveResult CalibrationCurve(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yProb, int nBins = 5,
        CalibrationStrategy strategy = CalibrationStrategy.Uniform)
    {
        var bins = Bin(yTrue, yProb, nBins, strategy);
        int nonEmpty = 0;
        foreach (int c in bins.Counts) if (c > 0) nonEmpty++;
        var probTrue = new double[nonEmpty];
        var probPred = new double[nonEmpty];
        var counts = new int[nonEmpty];
        for (int b = 0, w = 0; b < nBins; b++)
        {
            if (bins.Counts[b] == 0) continue;
            probTrue[w] = bins.Positives[b] / bins.Counts[b];
            probPred[w] = bins.ProbSums[b] / bins.Counts[b];
            counts[w] = bins.Counts[b];
            w++;
        }
        return new CalibrationCurveResult(probTrue, probPred, counts);
    }

    /// <summary>Expected calibration error: sum over bins of (bin size / n) × |observed frequency - mean predicted probability|.</summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yProb, int nBins = 10,
        CalibrationStrategy strategy = CalibrationStrategy.Uniform)
    {
        var bins = Bin(yTrue, yProb, nBins, strategy);
        double sum = 0.0;
        for (int b = 0; b < nBins; b++)
            sum += Math.Abs(bins.Positives[b] - bins.ProbSums[b]); // = count_b × |freq_b - conf_b|
        return sum / yTrue.Length;
    }

    /// <summary>Maximum calibration error: the largest |observed frequency - mean predicted probability| over non-empty bins.</summary>
    public static double MaximumCalibrationError(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yProb, int nBins = 10,
        CalibrationStrategy strategy = CalibrationStrategy.Uniform)
    {
        var bins = Bin(yTrue, yProb, nBins, strategy);
        double max = 0.0;
        for (int b = 0; b < nBins; b++)
            if (bins.Counts[b] > 0)
                max = Math.Max(max, Math.Abs(bins.Positives[b] / bins.Counts[b] - bins.ProbSums[b] / bins.Counts[b]));
        return max;
    }

    private readonly record struct CalibrationBins(int[] Counts, double[] Positives, double[] ProbSums);

    private static CalibrationBins Bin(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yProb, int nBins, CalibrationStrategy strategy)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yProb.Length, nameof(yProb));
        Guard.AtLeastOne(nBins, nameof(nBins));
        Guard.Binary(yTrue, nameof(yTrue));
        Guard.Probabilities(yProb, nameof(yProb));

        double[] inner = strategy switch
        {
            CalibrationStrategy.Uniform => UniformInnerEdges(nBins),
            CalibrationStrategy.Quantile => QuantileInnerEdges(yProb, nBins),
            _ => throw new ArgumentException($"Unknown strategy {strategy}.", nameof(strategy)),
        };

        var counts = new int[nBins];
        var positives = new double[nBins];
        var sums = new double[nBins];
        for (int i = 0; i < yProb.Length; i++)
        {
            double p = yProb[i];
            int b = LowerBound(inner, p); // numpy.searchsorted(inner, p, side="left")
            counts[b]++;
            positives[b] += yTrue[i];
            sums[b] += p;
        }
        return new CalibrationBins(counts, positives, sums);
    }

    /// <summary>Number of edges strictly below p.</summary>
    private static int LowerBound(double[] edges, double p)
    {
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < p) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Interior edges of numpy.linspace(0, 1, nBins + 1): i × (1 / nBins), computed the way numpy does.</summary>
    private static double[] UniformInnerEdges(int nBins)
    {
        var edges = new double[nBins - 1];
        double step = 1.0 / nBins;
        for (int i = 1; i < nBins; i++) edges[i - 1] = i * step;
        return edges;
    }

    /// <summary>Interior edges of numpy.percentile(p, linspace(0, 1, nBins + 1) × 100) with linear interpolation, step for step.</summary>
    private static double[] QuantileInnerEdges(ReadOnlySpan<double> yProb, int nBins)
    {
        var sorted = yProb.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        var edges = new double[nBins - 1];
        double step = 1.0 / nBins;
        for (int i = 1; i < nBins; i++)
        {
            double q = i * step * 100.0 / 100.0;   // calibration_curve multiplies by 100, percentile divides by 100
            double virtualIndex = (n - 1) * q;
            if (virtualIndex >= n - 1)
            {
                edges[i - 1] = sorted[n - 1];
                continue;
            }
            double previous = Math.Floor(virtualIndex);
            double gamma = virtualIndex - previous;
            double a = sorted[(int)previous], b = sorted[(int)previous + 1];
            double diff = b - a;
            // numpy's _lerp: a + diff·t, but b - diff·(1 - t) when t >= 0.5 (keeps the result monotonic).
            edges[i - 1] = gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
        }
        return edges;
    }
}
