namespace MLPrimer.Data;

/// <summary>The four scikit-learn toy classification sets, read from the CSV files in data/.</summary>
public static class Datasets
{
    /// <summary>Fisher's iris: 150 flowers, 4 measurements in cm, 3 species (0 setosa, 1 versicolor, 2 virginica).</summary>
    public static TabularDataset Iris(string? path = null) =>
        Load(path, "iris.csv", "iris", ["setosa", "versicolor", "virginica"]);

    /// <summary>UCI wine recognition: 178 wines, 13 chemical measurements, 3 cultivars (class_0, class_1, class_2).</summary>
    public static TabularDataset Wine(string? path = null) =>
        Load(path, "wine.csv", "wine", ["class_0", "class_1", "class_2"]);

    /// <summary>Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 features, label 0 = malignant, 1 = benign (scikit-learn's encoding).</summary>
    public static TabularDataset BreastCancer(string? path = null) =>
        Load(path, "breast-cancer.csv", "breast-cancer", ["malignant", "benign"]);

    /// <summary>UCI optical digits: 1797 8x8 images as 64 grey levels 0..16 (row-major, pixel_r_c), 10 classes "0".."9".</summary>
    public static TabularDataset Digits(string? path = null) =>
        Load(path, "digits.csv.gz", "digits", ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);

    private static TabularDataset Load(string? path, string fileName, string name, string[] classNames) =>
        CsvTable.Read(DataFile.PathOrDefault(path, fileName, nameof(path)), name, classNames);
}
