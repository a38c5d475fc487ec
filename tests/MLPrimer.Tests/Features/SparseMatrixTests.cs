using MLPrimer.Features;
using Xunit;

namespace MLPrimer.Tests.Features;

public class SparseMatrixTests
{
    [Fact]
    public void ToDense_AndIndexer_ReadTheCsrArrays()
    {
        // [[0, 2, 0], [0, 0, 0], [1, 0, -3]] in CSR form.
        var m = new SparseMatrix(3, 3, new[] { 0, 1, 1, 3 }, new[] { 1, 0, 2 }, new[] { 2.0, 1, -3 });
        Assert.Equal(new double[,] { { 0, 2, 0 }, { 0, 0, 0 }, { 1, 0, -3 } }, m.ToDense());
        Assert.Equal(-3, m[2, 2]);
        Assert.Equal(0, m[1, 1]);
        Assert.Equal(new[] { 0, 2 }, m.RowIndices(2).ToArray());
        Assert.Equal(new[] { 1.0, -3 }, m.RowValues(2).ToArray());
        Assert.Equal((3, 3), m.Shape);
        Assert.Equal(3, m.StoredCount);
    }

    [Fact]
    public void Constructor_RejectsInconsistentArrays()
    {
        Assert.Equal("indPtr", Assert.Throws<ArgumentException>(() => new SparseMatrix(2, 2, new[] { 0, 1 }, new[] { 0 }, new[] { 1.0 })).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new SparseMatrix(1, 2, new[] { 0, 1 }, new[] { 0 }, new[] { 1.0, 2 })).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentException>(() => new SparseMatrix(1, 2, new[] { 0, 1 }, new[] { 5 }, new[] { 1.0 })).ParamName);
        Assert.Equal("indPtr", Assert.Throws<ArgumentException>(() => new SparseMatrix(2, 2, new[] { 0, 1, 0 }, new[] { 0 }, new[] { 1.0 })).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => new SparseMatrix(-1, 2, new[] { 0 }, Array.Empty<int>(), Array.Empty<double>())).ParamName);
        Assert.Throws<ArgumentNullException>(() => new SparseMatrix(1, 1, null!, Array.Empty<int>(), Array.Empty<double>()));
    }
}
