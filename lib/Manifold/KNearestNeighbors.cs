using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Manifold;

/// <summary>Exact k nearest neighbours by brute force on a TorchSharp device, in row blocks so memory stays O(block·n).</summary>
internal static class KNearestNeighbors
{
    /// <summary>For each row, the indices and squared Euclidean distances of its k nearest other rows, nearest first.</summary>
    public static (int[] Indices, double[] SquaredDistances) Search(Tensor data, int k, int blockRows = 1024)
    {
        var n = (int)data.shape[0];
        if (k < 1 || k > n - 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{n - 1}.");
        var indices = new int[n * k];
        var distances = new double[n * k];
        using var scope = NewDisposeScope();
        var norms = data.pow(2).sum(1);
        for (var start = 0; start < n; start += blockRows)
        {
            using var blockScope = NewDisposeScope();
            var rows = Math.Min(blockRows, n - start);
            var block = data.narrow(0, start, rows);
            // |a-b|² = |a|² + |b|² - 2a·b, clamped at 0 against rounding.
            var d2 = (norms.narrow(0, start, rows).unsqueeze(1) + norms.unsqueeze(0) - 2 * block.matmul(data.t())).clamp_min(0);
            // A point is not its own neighbour.
            d2.diagonal(start).fill_(double.PositiveInfinity);
            var (values, idx) = d2.topk(k, dim: 1, largest: false, sorted: true);
            values.cpu().to_type(ScalarType.Float64).data<double>().CopyTo(distances, start * k);
            var idxCpu = idx.cpu().data<long>();
            for (var t = 0; t < rows * k; t++) indices[start * k + t] = (int)idxCpu[t];
        }
        return (indices, distances);
    }
}
