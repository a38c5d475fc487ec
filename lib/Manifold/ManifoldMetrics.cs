namespace MLPrimer.Manifold;

/// <summary>Quality measures of a low-dimensional embedding.</summary>
public static class ManifoldMetrics
{
    /// <summary>
    /// Trustworthiness (Venna and Kaski 2001; scikit-learn's <c>sklearn.manifold.trustworthiness</c>): 1 minus the penalty for
    /// embedding neighbours that are not input-space neighbours, T(k) = 1 − 2/(nk(2n−3k−1)) Σ_i Σ_{j∈U_k(i)} (r(i,j) − k). 1 is perfect.
    /// </summary>
    /// <remarks>r(i,j) is j's rank among i's input-space neighbours by Euclidean distance (1 = nearest); ties are broken by the lower index.</remarks>
    public static double Trustworthiness(float[][] data, float[][] embedding, int k = 5)
    {
        Guard.Rows(data, nameof(data));
        Guard.Rows(embedding, nameof(embedding));
        int n = data.Length, m = embedding.Length;
        if (m != n)
            throw new ArgumentException($"embedding has {m} rows but data has {n}; they must describe the same points.", nameof(embedding));
        if (k < 1 || k >= n / 2.0)
            throw new ArgumentException($"k must be at least 1 and less than n/2 = {n / 2.0} (scikit-learn's rule), not {k}.", nameof(k));

        var penalty = new long[n];
        Parallel.For(0, n, () => (new double[n], new double[n], new int[k]), (i, _, buffers) =>
        {
            var (input, low, nearest) = buffers;
            Distances(data, i, input);
            Distances(embedding, i, low);
            NearestK(low, i, nearest);
            long sum = 0;
            foreach (var j in nearest)
            {
                var rank = Rank(input, i, j);
                if (rank > k) sum += rank - k;
            }
            penalty[i] = sum;
            return buffers;
        }, _ => { });

        double total = 0;
        foreach (var v in penalty) total += v;
        return 1 - total * 2.0 / ((double)n * k * (2.0 * n - 3.0 * k - 1.0));
    }

    private static void Distances(float[][] rows, int i, double[] into)
    {
        var a = rows[i];
        for (var j = 0; j < rows.Length; j++)
        {
            var b = rows[j];
            double s = 0;
            for (var c = 0; c < a.Length; c++)
            {
                double diff = a[c] - b[c];
                s += diff * diff;
            }
            into[j] = s;
        }
    }

    // The k smallest distances from i (excluding i), ties to the lower index.
    private static void NearestK(double[] distances, int i, int[] nearest)
    {
        var k = nearest.Length;
        var filled = 0;
        for (var j = 0; j < distances.Length; j++)
        {
            if (j == i) continue;
            if (filled == k && !(distances[j] < distances[nearest[k - 1]])) continue;
            var pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && distances[j] < distances[nearest[pos - 1]])
            {
                nearest[pos] = nearest[pos - 1];
                pos--;
            }
            nearest[pos] = j;
        }
    }

    // 1 + the number of points (other than i) closer to i than j, or equally close with a lower index.
    private static int Rank(double[] distances, int i, int j)
    {
        var dj = distances[j];
        var rank = 1;
        for (var l = 0; l < distances.Length; l++)
            if (l != i && l != j && (distances[l] < dj || (distances[l] == dj && l < j))) rank++;
        return rank;
    }
}
