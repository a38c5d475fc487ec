namespace MLPrimer.Evaluation;

public static partial class Metrics
{
    /// <summary>Default clipping for <see cref="LogLoss(ReadOnlySpan{int}, ReadOnlySpan{double}, double)"/>: machine epsilon of double, 2^-52 (scikit-learn 1.2's eps="auto" for float64).</summary>
    public const double LogLossEpsilon = 2.220446049250313e-16;

    /// <summary>Binary log loss (cross-entropy), mean of -[y log p + (1 - y) log(1 - p)] with p clipped to [eps, 1 - eps].</summary>
    public static double LogLoss(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yProb, double eps = LogLossEpsilon)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yProb.Length, nameof(yProb));
        CheckEps(eps);
        double sum = 0.0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            int y = yTrue[i];
            if ((uint)y > 1u) throw Guard.NotBinary(nameof(yTrue), y, i);
            double p = yProb[i];
            if (!double.IsFinite(p)) throw Guard.NotFinite(nameof(yProb), p, i);
            // Outside [0, 1] is not a probability: clipping would score 1.5 as a perfect 1 - eps (a caller's bug hidden).
            if (p < 0.0 || p > 1.0) throw Guard.NotProbability(nameof(yProb), p, i);
            // scikit-learn 1.2: clip, build the row [1 - p, p], renormalise it by its sum, take -log of the true column.
            p = Math.Clamp(p, eps, 1.0 - eps);
            double q = 1.0 - p;
            double rowSum = q + p;
            sum -= Math.Log((y == 1 ? p : q) / rowSum);
        }
        return sum / yTrue.Length;
    }

    /// <summary>Multiclass log loss: probabilities is row-major (samples × numClasses), each row a distribution (values in [0, 1]
    /// summing to 1 within 1e-6); rows are clipped to [eps, 1 - eps] and renormalised after the clip.</summary>
    public static double LogLoss(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> probabilities, int numClasses, double eps = LogLossEpsilon)
    {
        Guard.NotEmpty(yTrue.Length, nameof(yTrue));
        if (numClasses < 2) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be at least 2.");
        if ((long)yTrue.Length * numClasses != probabilities.Length)
            throw new ArgumentException(
                $"probabilities must hold yTrue.Length × numClasses = {(long)yTrue.Length * numClasses} values (got {probabilities.Length}).",
                nameof(probabilities));
        CheckEps(eps);
        double sum = 0.0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            int y = yTrue[i];
            if ((uint)y >= (uint)numClasses)
                throw new ArgumentException($"yTrue must hold class indices 0..{numClasses - 1}; found {y} at index {i}.", nameof(yTrue));
            var row = probabilities.Slice(i * numClasses, numClasses);
            double rowSum = 0.0, own = 0.0, given = 0.0;
            for (int c = 0; c < numClasses; c++)
            {
                double p = row[c];
                if (!double.IsFinite(p)) throw Guard.NotFinite(nameof(probabilities), p, i * numClasses + c);
                if (p < 0.0 || p > 1.0) throw Guard.NotProbability(nameof(probabilities), p, i * numClasses + c);
                given += p;
                p = Math.Clamp(p, eps, 1.0 - eps);
                rowSum += p;
                if (c == y) own = p;
            }
            // Renormalising a row that is not a distribution would hide the bug that made it (say, unnormalised scores).
            if (Math.Abs(given - 1.0) > 1e-6)
                throw new ArgumentException($"each row of probabilities must sum to 1; row {i} sums to {given}.", nameof(probabilities));
            sum -= Math.Log(own / rowSum);
        }
        return sum / yTrue.Length;
    }

    /// <summary>Brier score: mean squared difference between the predicted probability of class 1 and the 0/1 outcome.</summary>
    public static double BrierScore(ReadOnlySpan<int> yTrue, ReadOnlySpan<double> yProb)
    {
        Guard.Paired(yTrue.Length, nameof(yTrue), yProb.Length, nameof(yProb));
        Guard.Binary(yTrue, nameof(yTrue));
        Guard.Probabilities(yProb, nameof(yProb));
        double sum = 0.0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            double d = yTrue[i] - yProb[i];
            sum += d * d;
        }
        return sum / yTrue.Length;
    }

    private static void CheckEps(double eps)
    {
        if (!(eps >= 0.0 && eps < 0.5)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must lie in [0, 0.5).");
    }
}
