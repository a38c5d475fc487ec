using Microsoft.Data.Analysis;

namespace MLPrimer.Data;

/// <summary>A small in-memory classification table: one float feature row and one integer class label per example.</summary>
public sealed class TabularDataset
{
    /// <summary>Creates a dataset after checking that the shapes and labels agree; the arrays are kept, not copied.</summary>
    public TabularDataset(string name, float[][] features, int[] labels, string[] featureNames, string[] classNames)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A dataset name is required.", nameof(name));
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(classNames);
        if (featureNames.Length == 0)
            throw new ArgumentException("At least one feature name is required.", nameof(featureNames));
        if (classNames.Length == 0)
            throw new ArgumentException("At least one class name is required.", nameof(classNames));
        if (labels.Length != features.Length)
            throw new ArgumentException($"Got {labels.Length} labels for {features.Length} feature rows.", nameof(labels));
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i] is null || features[i].Length != featureNames.Length)
                throw new ArgumentException(
                    $"Row {i} has {features[i]?.Length ?? 0} values; expected {featureNames.Length}.", nameof(features));
            if ((uint)labels[i] >= (uint)classNames.Length)
                throw new ArgumentException(
                    $"Label {labels[i]} at row {i} is outside 0..{classNames.Length - 1}.", nameof(labels));
        }

        Name = name;
        Features = features;
        Labels = labels;
        FeatureNames = featureNames;
        ClassNames = classNames;
    }

    /// <summary>Short name of the dataset, e.g. "iris".</summary>
    public string Name { get; }

    /// <summary>Feature rows: <c>Features[i][j]</c> is feature j of example i (ready for ML.NET vector columns).</summary>
    public float[][] Features { get; }

    /// <summary>Class index of each example, in <c>0 .. ClassNames.Length - 1</c>.</summary>
    public int[] Labels { get; }

    /// <summary>Name of each feature column, in column order.</summary>
    public string[] FeatureNames { get; }

    /// <summary>Name of each class; <c>ClassNames[Labels[i]]</c> is example i's class.</summary>
    public string[] ClassNames { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of features per example.</summary>
    public int FeatureCount => FeatureNames.Length;

    /// <summary>Number of examples in each class, indexed by class.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Length];
        foreach (var label in Labels)
            counts[label]++;
        return counts;
    }

    /// <summary>All features in one row-major array of length <c>Count * FeatureCount</c> (the layout <c>torch.tensor(data, Count, FeatureCount)</c> expects).</summary>
    public float[] FlattenFeatures()
    {
        var flat = new float[Count * FeatureCount];
        for (var i = 0; i < Count; i++)
            Features[i].CopyTo(flat, i * FeatureCount);
        return flat;
    }

    /// <summary>A DataFrame with one float column per feature plus an integer label column.</summary>
    public DataFrame ToDataFrame(string labelColumn = "label")
    {
        if (string.IsNullOrWhiteSpace(labelColumn))
            throw new ArgumentException("A label column name is required.", nameof(labelColumn));
        if (Array.IndexOf(FeatureNames, labelColumn) >= 0)
            throw new ArgumentException($"'{labelColumn}' is already a feature name.", nameof(labelColumn));

        var columns = new List<DataFrameColumn>(FeatureCount + 1);
        for (var j = 0; j < FeatureCount; j++)
        {
            var values = new float[Count];
            for (var i = 0; i < Count; i++)
                values[i] = Features[i][j];
            columns.Add(new SingleDataFrameColumn(FeatureNames[j], values));
        }
        columns.Add(new Int32DataFrameColumn(labelColumn, Labels));
        return new DataFrame(columns);
    }

    /// <summary>Name, size and shape, e.g. "iris: 150 x 4, 3 classes".</summary>
    public override string ToString() => $"{Name}: {Count} x {FeatureCount}, {ClassNames.Length} classes";
}
