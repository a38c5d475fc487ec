using MLPrimer.Charts;
using XPlot.Plotly;

namespace MLPrimer.Tests.Charts;

[Collection(nameof(ImageDirectoryCollection))]
public class ChartsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-img-").FullName;

    public ChartsTests() => Environment.SetEnvironmentVariable(MLPrimer.Charts.Charts.ImageDirectoryVariable, _dir);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(MLPrimer.Charts.Charts.ImageDirectoryVariable, null);
        Directory.Delete(_dir, recursive: true);
    }

    private static ScottPlot.Plot Line()
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Scatter(new double[] { 0, 1, 2 }, new double[] { 2, 0, 1 });
        return plot;
    }

    [Fact]
    public void ShowSavesAPngOfTheRequestedSize()
    {
        var image = MLPrimer.Charts.Charts.Show(Line(), "line", width: 300, height: 200);
        Assert.Equal(Path.Combine(_dir, "line.png"), image.SavedPath);
        var bytes = File.ReadAllBytes(image.SavedPath!);
        Assert.Equal(image.Bytes, bytes);
        // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers at offsets 16 and 20.
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.Equal(300, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(200, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
        Assert.StartsWith("<img src=\"data:image/png;base64,", image.ToHtml());
    }

    [Fact]
    public void SvgNameSavesSvgMarkup()
    {
        var image = MLPrimer.Charts.Charts.Show(Line(), "line.svg");
        Assert.Equal("image/svg+xml", image.MimeType);
        Assert.Contains("<svg", File.ReadAllText(image.SavedPath!));
    }

    [Fact]
    public void UnnamedChartIsNotSaved()
    {
        var image = MLPrimer.Charts.Charts.Show(Line());
        Assert.Null(image.SavedPath);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Theory]
    [InlineData("../escape.png")]
    [InlineData("chart.jpg")]
    [InlineData(" ")]
    public void BadNamesAreRejected(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => MLPrimer.Charts.Charts.Show(Line(), name));
        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void TinySizeIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MLPrimer.Charts.Charts.Show(Line(), width: 3));
        Assert.Equal("width", e.ParamName);
    }

    [Fact]
    public void InteractiveChartsCarryPlotlyOnceAndUseStableIds()
    {
        MLPrimer.Charts.Charts.ResendPlotlyScript();
        var chart = Chart.Plot(new Scatter { x = new[] { 1, 2 }, y = new[] { 3, 4 } });
        var first = MLPrimer.Charts.Charts.Interactive(chart).Html;
        var second = MLPrimer.Charts.Charts.Interactive(chart).Html;
        Assert.Contains("Plotly.newPlot", first);
        Assert.Contains("plotly.js v2", first); // the bundled library's banner
        Assert.DoesNotContain("plotly.js v2", second);
        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}", second);
        Assert.Matches("mlprimer-plotly-\\d+", second);
        Assert.DoesNotMatch("<script[^>]*src=", first); // nothing fetched from a network address
    }
}

[CollectionDefinition(nameof(ImageDirectoryCollection), DisableParallelization = true)]
public class ImageDirectoryCollection;
