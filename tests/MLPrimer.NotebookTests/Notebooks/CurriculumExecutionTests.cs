using System.Globalization;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class CurriculumExecutionTests(CurriculumFixture curriculum)
{
    public static TheoryData<string> NotebookNames()
    {
        var data = new TheoryData<string>();
        foreach (var nb in Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(nb));
        return data;
    }

    [Fact]
    public void RunnerExecutesEveryNotebookWithoutError()
    {
        Assert.True(curriculum.Run.ExitCode == 0, "Runner failed:\n" + curriculum.Run.All);
        Assert.Contains("notebook(s) executed", curriculum.Run.Stdout);
    }

    [Theory]
    [MemberData(nameof(NotebookNames))]
    public void EveryCodeCellRanAndNoneFailed(string notebook)
    {
        var executed = curriculum.Load(notebook);
        Assert.Empty(executed.Errors);
        Assert.All(executed.CodeCells, c => Assert.NotNull(c["execution_count"]));
        Assert.NotEmpty(executed.Outputs);
    }

    [Fact]
    public void GettingStartedShowsItsResults()
    {
        var nb = curriculum.Load("00-getting-started.ipynb");
        var text = nb.AllText;

        // The environment check names the libtorch the repair made loadable.
        Assert.Contains("libtorch 2.10", text);
        // Gradient descent recovers the line y = 2x + 1 used to generate the data.
        var fit = Regex.Match(text, @"slope = (-?[\d.]+), intercept = (-?[\d.]+)");
        Assert.True(fit.Success, "fitted line not printed");
        Assert.InRange(double.Parse(fit.Groups[1].Value, CultureInfo.InvariantCulture), 1.97, 2.03);   // "within about 0.02"
        Assert.InRange(double.Parse(fit.Groups[2].Value, CultureInfo.InvariantCulture), 0.97, 1.03);
        // The error falls from about 2.3 to about 0.01, the noise variance 0.1².
        Assert.InRange(NotebookText.Number(text, @"step   1: mean squared error = ([\d.]+)"), 2.0, 2.6);
        Assert.InRange(NotebookText.Number(text, @"step 150: mean squared error = ([\d.]+)"), 0.007, 0.013);
        // The DataFrame summary is an HTML table holding iris' known mean petal length (3.758).
        Assert.Contains(nb.Html, h => h.StartsWith("<table>") && h.Contains("3.758"));
        // The ML.NET model beats chance (1/3) by a wide margin on held-out iris rows.
        var accuracy = Regex.Match(text, @"test accuracy = ([\d.]+)");
        Assert.True(accuracy.Success, "test accuracy not printed");
        Assert.Equal(1.0, double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture));   // "all 21 held-out flowers"
        Assert.InRange(NotebookText.Number(text, @"log loss = ([\d.]+)"), 0.4, 0.5);
        Assert.Matches(@"virginica \|\|\s+0 \|\s+0 \|\s+\d+ \|", text);
        // Both kinds of chart are inline: Plotly with its library bundled (offline), ScottPlot as a PNG.
        Assert.Contains(nb.Html, h => h.Contains("Plotly.newPlot") && h.Contains("plotly.js v2"));
        Assert.Contains(nb.Html, h => h.Contains("data:image/png;base64,"));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "img", "00-iris-petals.png")), "img/00-iris-petals.png not written");
    }
}
