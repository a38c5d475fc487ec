using MathNet.Numerics.LinearAlgebra;

namespace MLPrimer.Compression;

/// <summary>Rank-r truncated SVD of a weight matrix, W ≈ (U_r Σ_r)(V_rᵀ): one [rows, cols] layer becomes two thin layers with r·(rows + cols) weights.</summary>
/// <remarks>By the Eckart–Young theorem this is the best rank-r approximation in the Frobenius norm; its error is √(Σ_{i>r} σ_i²).</remarks>
public sealed class LowRankFactorization
{
    private LowRankFactorization(float[] left, float[] right, int rows, int columns, int rank, double[] singularValues)
    {
        Left = left;
        Right = right;
        Rows = rows;
        Columns = columns;
        Rank = rank;
        SingularValues = singularValues;
    }

    /// <summary>U_r Σ_r, row-major [Rows, Rank] (the second, wider layer's weight in y = Left (Right x)).</summary>
    public float[] Left { get; }

    /// <summary>V_rᵀ, row-major [Rank, Columns] (the first, thin layer's weight).</summary>
    public float[] Right { get; }

    /// <summary>Rows of the original matrix (a Linear layer's out_features).</summary>
    public int Rows { get; }

    /// <summary>Columns of the original matrix (a Linear layer's in_features).</summary>
    public int Columns { get; }

    /// <summary>The kept rank r.</summary>
    public int Rank { get; }

    /// <summary>All singular values of the original matrix, largest first.</summary>
    public double[] SingularValues { get; }

    /// <summary>Weights in the two factors: Rank · (Rows + Columns).</summary>
    public int ParameterCount => Rank * (Rows + Columns);

    /// <summary>Frobenius norm of W − Left·Right predicted by Eckart–Young: √(Σ_{i>r} σ_i²).</summary>
    public double TailNorm => Math.Sqrt(SingularValues.Skip(Rank).Sum(s => s * s));

    /// <summary>Factorizes a row-major [rows, columns] matrix, keeping the <paramref name="rank"/> largest singular values.</summary>
    public static LowRankFactorization Fit(ReadOnlySpan<float> weight, int rows, int columns, int rank)
    {
        if (rows <= 0) throw new ArgumentException($"rows must be > 0 (got {rows}).", nameof(rows));
        if (columns <= 0) throw new ArgumentException($"columns must be > 0 (got {columns}).", nameof(columns));
        if (weight.Length != rows * columns)
            throw new ArgumentException($"weight must hold rows * columns = {rows * columns} values (got {weight.Length}).", nameof(weight));
        if (rank <= 0 || rank > Math.Min(rows, columns))
            throw new ArgumentException($"rank must be in [1, min(rows, columns) = {Math.Min(rows, columns)}] (got {rank}).", nameof(rank));
        var w = weight.ToArray();
        var m = Matrix<double>.Build.Dense(rows, columns, (i, j) => w[i * columns + j]);
        var svd = m.Svd(computeVectors: true);
        var s = svd.S.ToArray();
        var left = new float[rows * rank];
        var right = new float[rank * columns];
        for (var i = 0; i < rows; i++)
            for (var k = 0; k < rank; k++) left[i * rank + k] = (float)(svd.U[i, k] * s[k]);
        for (var k = 0; k < rank; k++)
            for (var j = 0; j < columns; j++) right[k * columns + j] = (float)svd.VT[k, j];
        return new LowRankFactorization(left, right, rows, columns, rank, s);
    }

    /// <summary>The rank-r approximation Left·Right, row-major [Rows, Columns].</summary>
    public float[] Reconstruct()
    {
        var result = new float[Rows * Columns];
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Columns; j++)
            {
                double sum = 0;
                for (var k = 0; k < Rank; k++) sum += (double)Left[i * Rank + k] * Right[k * Columns + j];
                result[i * Columns + j] = (float)sum;
            }
        return result;
    }
}
