using MLPrimer.Data;
using Xunit;

namespace MLPrimer.Tests.Data;

// Expected counts come straight from scikit-learn's shipped CSVs, independently of this loader:
//   cd /usr/lib/python3/dist-packages/sklearn/datasets/data && /usr/bin/python3 -c "import csv,gzip,collections;
//   [print(f, sorted(collections.Counter(r[-1] for r in list(csv.reader(open(f)))[1:]).items())) for f in ['iris.csv','wine_data.csv','breast_cancer.csv']];
//   print(sorted(collections.Counter(r[-1] for r in csv.reader(gzip.open('digits.csv.gz','rt'))).items()))"
public class DatasetsTests
{
    [Fact]
    public void IrisHas150RowsAndKnownFirstRow()
    {
        var iris = Datasets.Iris();
        Assert.Equal(150, iris.Count);
        Assert.Equal(4, iris.FeatureCount);
        Assert.Equal(["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"], iris.FeatureNames);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal([50, 50, 50], iris.ClassCounts());
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Features[0]);
        Assert.Equal("setosa", iris.ClassNames[iris.Labels[0]]);
        Assert.Equal([5.9f, 3.0f, 5.1f, 1.8f], iris.Features[^1]);
        Assert.Equal("virginica", iris.ClassNames[iris.Labels[^1]]);
    }

    [Fact]
    public void WineHas178RowsIn59_71_48()
    {
        var wine = Datasets.Wine();
        Assert.Equal(178, wine.Count);
        Assert.Equal(13, wine.FeatureCount);
        Assert.Equal([59, 71, 48], wine.ClassCounts());
        Assert.Equal("od280/od315_of_diluted_wines", wine.FeatureNames[11]);
        Assert.Equal(14.23f, wine.Features[0][0]);
        Assert.Equal(1065f, wine.Features[0][12]);
    }

    [Fact]
    public void BreastCancerUsesSklearnEncoding_ZeroIsMalignant()
    {
        var cancer = Datasets.BreastCancer();
        Assert.Equal(569, cancer.Count);
        Assert.Equal(30, cancer.FeatureCount);
        Assert.Equal(["malignant", "benign"], cancer.ClassNames);
        Assert.Equal([212, 357], cancer.ClassCounts());
        Assert.Equal("mean radius", cancer.FeatureNames[0]);
        Assert.Equal("worst fractal dimension", cancer.FeatureNames[^1]);
        Assert.Equal(17.99f, cancer.Features[0][0]);
        Assert.Equal(0, cancer.Labels[0]);
    }

    [Fact]
    public void DigitsIs1797By64With10Classes()
    {
        var digits = Datasets.Digits();
        Assert.Equal(1797, digits.Count);
        Assert.Equal(64, digits.FeatureCount);
        Assert.Equal(10, digits.ClassNames.Length);
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], digits.ClassCounts());
        Assert.Equal("pixel_0_0", digits.FeatureNames[0]);
        Assert.Equal("pixel_7_7", digits.FeatureNames[63]);
        Assert.All(digits.Features, row => Assert.All(row, v => Assert.InRange(v, 0f, 16f)));
        Assert.Equal(0, digits.Labels[0]);
        Assert.Equal(8, digits.Labels[^1]);
    }

    [Fact]
    public void CustomPathIsHonouredAndBadPathsAreRejected()
    {
        var iris = Datasets.Iris(DataPaths.File("iris.csv"));
        Assert.Equal(150, iris.Count);

        var empty = Assert.Throws<ArgumentException>(() => Datasets.Wine(""));
        Assert.Equal("path", empty.ParamName);
        Assert.Throws<FileNotFoundException>(() => Datasets.Digits("/no/such/digits.csv.gz"));
    }
}
