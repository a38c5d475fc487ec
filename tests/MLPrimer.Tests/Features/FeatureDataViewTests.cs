using Microsoft.ML;
using Microsoft.ML.Data;
using MLPrimer.Features;

namespace MLPrimer.Tests.Features;

public class FeatureDataViewTests
{
    // [[0, 2, 0], [0, 0, 0], [1, 0, -3]] in CSR form.
    private static SparseMatrix Matrix() => new(3, 3, [0, 1, 1, 3], [1, 0, 2], [2.0, 1, -3]);

    private static float[][] DenseFeatures(IDataView view) =>
        view.GetColumn<VBuffer<float>>(FeatureDataView.FeaturesColumn).Select(v => v.DenseValues().ToArray()).ToArray();

    [Fact]
    public void Sparse_KeepsEntriesWidthAndLabels()
    {
        var view = FeatureDataView.Create(new MLContext(0), Matrix(), new[] { true, false, true });
        var type = (VectorDataViewType)view.Schema[FeatureDataView.FeaturesColumn].Type;
        Assert.Equal(3, type.Size);
        Assert.Equal(new[] { new float[] { 0, 2, 0 }, new float[] { 0, 0, 0 }, new float[] { 1, 0, -3 } }, DenseFeatures(view));
        Assert.Equal(new[] { true, false, true }, view.GetColumn<bool>(FeatureDataView.LabelColumn).ToArray());
        // Sparse rows stay sparse: row 2 stores exactly its two entries.
        var row2 = view.GetColumn<VBuffer<float>>(FeatureDataView.FeaturesColumn).ElementAt(2);
        Assert.False(row2.IsDense);
        Assert.Equal(new[] { 0, 2 }, row2.GetIndices().ToArray());
    }

    [Fact]
    public void RowsSelectAndReorder()
    {
        var view = FeatureDataView.Create(new MLContext(0), Matrix(), new[] { 10, 11, 12 }, rows: new[] { 2, 0 });
        Assert.Equal(new[] { 12, 10 }, view.GetColumn<int>(FeatureDataView.LabelColumn).ToArray());
        Assert.Equal(new[] { new float[] { 1, 0, -3 }, new float[] { 0, 2, 0 } }, DenseFeatures(view));
    }

    [Fact]
    public void Dense_RoundTripsWithFloatLabels()
    {
        var x = new[] { new float[] { 1, 2 }, new float[] { 3, 4 } };
        var view = FeatureDataView.Create(new MLContext(0), x, new[] { 0.5f, -1f });
        Assert.Equal(x, DenseFeatures(view));
        Assert.Equal(new[] { 0.5f, -1f }, view.GetColumn<float>(FeatureDataView.LabelColumn).ToArray());
    }

    [Fact]
    public void Dense_TrainsAnMLNetModel()
    {
        // Label = (x0 > 0): a linear model must separate it perfectly.
        var x = Enumerable.Range(-20, 40).Select(i => new float[] { i + 0.5f, 1 }).ToArray();
        var y = x.Select(r => r[0] > 0).ToArray();
        var ml = new MLContext(0);
        var view = FeatureDataView.Create(ml, x, y);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(view);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(view));
        Assert.Equal(1.0, metrics.Accuracy);
    }

    [Fact]
    public void RejectsBadInput()
    {
        var ml = new MLContext(0);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => FeatureDataView.Create(ml, Matrix(), new[] { true })).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => FeatureDataView.Create(ml, Matrix(), new[] { 1, 2, 3 }, rows: new[] { 3 })).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() =>
            FeatureDataView.Create(ml, new[] { new float[] { 1, 2 }, new float[] { 3 } }, new[] { 1f, 2f })).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() =>
            FeatureDataView.Create(ml, Array.Empty<float[]>(), Array.Empty<bool>())).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() =>
            FeatureDataView.Create(ml, new SparseMatrix(1, 0, [0, 0], [], []), new[] { true })).ParamName);
    }
}
