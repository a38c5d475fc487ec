namespace MLPrimer.Trees;

/// <summary>Argument rules shared by the tree learners.</summary>
internal static class TreeChecks
{
    internal static void Data(float[][] features, int[] labels, bool requireLabels = true)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Length == 0)
            throw new ArgumentException("features must have at least one row.", nameof(features));
        if (labels.Length != features.Length)
            throw new ArgumentException($"Got {labels.Length} labels for {features.Length} feature rows; they must match.", nameof(labels));
        var width = features[0]?.Length ?? 0;
        if (width == 0)
            throw new ArgumentException("Each row needs at least one feature.", nameof(features));
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i] is null || features[i].Length != width)
                throw new ArgumentException($"Row {i} has {features[i]?.Length ?? 0} features; expected {width}.", nameof(features));
            if (requireLabels && labels[i] < 0)
                throw new ArgumentException($"labels[{i}] is {labels[i]}; labels must be class indices 0 .. k-1.", nameof(labels));
            foreach (var v in features[i])
                if (float.IsNaN(v))
                    throw new ArgumentException($"Row {i} contains NaN; the tree needs numbers.", nameof(features));
        }
    }
}
