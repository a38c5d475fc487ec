using ScottPlot;

namespace MLPrimer.Tests.Charts;

[Collection(nameof(ImageDirectoryCollection))]
public class MultiplotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-img-").FullName;

    public MultiplotTests() => Environment.SetEnvironmentVariable(MLPrimer.Charts.Charts.ImageDirectoryVariable, _dir);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(MLPrimer.Charts.Charts.ImageDirectoryVariable, null);
        Directory.Delete(_dir, recursive: true);
    }

    private static Multiplot SideBySide()
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.GetPlot(0).Add.Scatter(new double[] { 0, 1 }, new double[] { 1, 0 });
        multiplot.GetPlot(1).Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
        return multiplot;
    }

    [Fact]
    public void ShowSavesTheWholeFigureAsOnePng()
    {
        var image = MLPrimer.Charts.Charts.Show(SideBySide(), "pair", width: 400, height: 150);
        Assert.Equal(Path.Combine(_dir, "pair.png"), image.SavedPath);
        var bytes = File.ReadAllBytes(image.SavedPath!);
        Assert.Equal(image.Bytes, bytes);
        Assert.Equal("image/png", image.MimeType);
        // IHDR width and height (big-endian at offsets 16 and 20): the requested figure size, not one panel's.
        Assert.Equal(400, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(150, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
    }

    [Fact]
    public void SvgEmptyAndTinyFiguresAreRejected()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => MLPrimer.Charts.Charts.Show(SideBySide(), "pair.svg")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => MLPrimer.Charts.Charts.Show(SideBySide(), "../pair.png")).ParamName);
        var empty = new Multiplot();
        foreach (var plot in empty.GetPlots()) empty.RemovePlot(plot);
        Assert.Equal("multiplot", Assert.Throws<ArgumentException>(() => MLPrimer.Charts.Charts.Show(empty)).ParamName);
        Assert.Equal("height", Assert.Throws<ArgumentOutOfRangeException>(() => MLPrimer.Charts.Charts.Show(SideBySide(), height: 2)).ParamName);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
