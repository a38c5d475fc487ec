namespace MLPrimer.Manifold;

/// <summary>A symmetric sparse matrix in compressed-row form (row pointers, column indices, values).</summary>
internal sealed record SparseRows(int[] RowStart, int[] Columns, double[] Values)
{
    public int Count => RowStart.Length - 1;
}

/// <summary>The input-space affinities P of t-SNE: per-point Gaussians calibrated to a perplexity, symmetrised and normalised.</summary>
internal static class JointProbabilities
{
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Sparse P from each point's k nearest neighbours: p_ij = (p(j|i) + p(i|j)) / Σ, as in scikit-learn's Barnes–Hut path.</summary>
    public static SparseRows FromNeighbors(int n, int k, int[] neighbors, double[] squaredDistances, double perplexity)
    {
        var conditional = new double[n * k];
        Parallel.For(0, n, i =>
            PerplexitySearch.Calibrate(squaredDistances.AsSpan(i * k, k), perplexity, conditional.AsSpan(i * k, k)));

        // P + Pᵀ: collect both directions, then merge duplicates per row.
        var counts = new int[n];
        for (var i = 0; i < n; i++)
            for (var t = 0; t < k; t++) { counts[i]++; counts[neighbors[i * k + t]]++; }
        var start = new int[n + 1];
        for (var i = 0; i < n; i++) start[i + 1] = start[i] + counts[i];
        var cols = new int[start[n]];
        var vals = new double[start[n]];
        var fill = (int[])start[..n].Clone();
        for (var i = 0; i < n; i++)
            for (var t = 0; t < k; t++)
            {
                var j = neighbors[i * k + t];
                var p = conditional[i * k + t];
                cols[fill[i]] = j; vals[fill[i]++] = p;
                cols[fill[j]] = i; vals[fill[j]++] = p;
            }

        var rowStart = new int[n + 1];
        var outCols = new List<int>(cols.Length);
        var outVals = new List<double>(cols.Length);
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            Array.Sort(cols, vals, start[i], start[i + 1] - start[i]);
            for (var a = start[i]; a < start[i + 1]; a++)
            {
                if (a > start[i] && cols[a] == cols[a - 1]) { outVals[^1] += vals[a]; }
                else { outCols.Add(cols[a]); outVals.Add(vals[a]); }
                total += vals[a];
            }
            rowStart[i + 1] = outCols.Count;
        }
        total = Math.Max(total, MachineEpsilon);
        var values = outVals.ToArray();
        for (var a = 0; a < values.Length; a++) values[a] /= total;
        return new SparseRows(rowStart, outCols.ToArray(), values);
    }

    /// <summary>Dense P (row-major n×n, zero diagonal) from all squared distances, floored at machine epsilon off the diagonal as scikit-learn's exact path does.</summary>
    public static double[] FromAllDistances(int n, double[] squaredDistances, double perplexity)
    {
        var conditional = new double[n * n];
        Parallel.For(0, n, i =>
        {
            var d = new double[n - 1];
            var p = new double[n - 1];
            for (int j = 0, t = 0; j < n; j++) if (j != i) d[t++] = squaredDistances[i * n + j];
            PerplexitySearch.Calibrate(d, perplexity, p);
            for (int j = 0, t = 0; j < n; j++) if (j != i) conditional[i * n + j] = p[t++];
        });
        var joint = new double[n * n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var v = conditional[i * n + j] + conditional[j * n + i];
                joint[i * n + j] = v;
                total += v;
            }
        total = Math.Max(total, MachineEpsilon);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                joint[i * n + j] = i == j ? 0 : Math.Max(joint[i * n + j] / total, MachineEpsilon);
        return joint;
    }
}
