using System.Globalization;
using System.Text.RegularExpressions;
using MLPrimer.Tests.Exploration;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter14ExploratoryDataAnalysisTests(CurriculumFixture curriculum)
{
    private static double Number(Match m, int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void DescribeTableShowsTheKnownSkewnessAndKurtosis()
    {
        var nb = curriculum.Load("14-exploratory-data-analysis.ipynb");
        Assert.Empty(nb.Errors);
        // The describe table's malic_acid row ends with pandas' skewness and kurtosis; scipy (bias=False) gives the same values.
        var reference = StatisticsReference.Columns.Single(c => (string)c["name"]! == "malic_acid");
        var row = nb.Html.Select(h => Regex.Match(h, @"<td>malic_acid</td>((?:<td>[^<]*</td>){11})")).First(m => m.Success);
        var cells = Regex.Matches(row.Groups[1].Value, @"<td>([^<]*)</td>").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(178, cells[0]);
        Assert.Equal(reference["mean"]!.GetValue<double>(), cells[2], 3);
        Assert.Equal(reference["skew_unbiased"]!.GetValue<double>(), cells[9], 3);
        Assert.Equal(reference["kurtosis_unbiased"]!.GetValue<double>(), cells[10], 3);
        // The most skewed breast-cancer column heads the sorted table: area error, skewness 5.447, kurtosis 49.209.
        Assert.Contains(nb.Html, h => h.Contains("<td>area error</td><td>569</td><td>0</td>") && h.Contains("<td>5.447</td><td>49.209</td>"));
        Assert.Contains("magnesium: mode 88 (13 wines) < median 98 < mean 99.74", nb.AllText);
    }

    [Fact]
    public void CleaningFindsTheInjectedGapsAndTheMalignantOutliers()
    {
        var text = curriculum.Load("14-exploratory-data-analysis.ipynb").AllText;
        Assert.Contains("missing values in the original wine table: 0", text);
        foreach (var name in new[] { "alcohol", "magnesium", "proline" })
            Assert.Matches($@"{name}\s*: 9 missing, filled with median", text);
        var outliers = Regex.Match(text, @"area error\s+(\d+) rows outside the IQR fences, (\d+) % malignant");
        Assert.True(outliers.Success, "outlier table not printed");
        Assert.Equal(65, Number(outliers, 1));
        Assert.Equal(100, Number(outliers, 2));
    }

    [Fact]
    public void EveryInjectedInconsistencyIsFoundAndRepaired()
    {
        var text = curriculum.Load("14-exploratory-data-analysis.ipynb").AllText;
        Assert.Contains("messy export: 188 rows for 178 wines", text);
        var spellings = Regex.Match(text, @"cultivar: (\d+) distinct values");
        Assert.True(spellings.Success, "spelling variants not counted");
        Assert.True(Number(spellings, 1) > 3, "the export should hold more spellings than cultivars");
        // Each rule repairs exactly the rows that were damaged, no more and no fewer.
        foreach (var fault in new[] { "spelling variants", "alcohol as a fraction", "rows exported twice", "proline = -999" })
        {
            var row = Regex.Match(text, Regex.Escape(fault) + @"\s+.+?\s+(\d+)\s+(\d+)\n");
            Assert.True(row.Success, $"{fault}: row not printed");
            Assert.True(Number(row, 1) > 0, $"{fault}: nothing injected");
            Assert.Equal(Number(row, 1), Number(row, 2));
        }
        // Deduplicating before the other repairs misses twins that differ in spelling or units.
        var duplicates = Regex.Match(text, @"exact duplicate rows: (\d+) in the raw export, (\d+) after fixing spellings, (\d+) after fixing units");
        Assert.True(duplicates.Success, "duplicate counts not printed");
        Assert.True(Number(duplicates, 1) < Number(duplicates, 3), "some twins should hide behind another spelling or unit");
        Assert.Equal(10, Number(duplicates, 3));
        Assert.Equal(6, Number(duplicates, 1));                   // the prose: "only 6 of the 10"
        Assert.Contains("cultivar: 15 distinct values", text);
        Assert.Contains("alcohol: min 0.1282, mean 12.16 (clean table 13.00)", text);
        Assert.Contains("Tukey's rule on the export flags 12 alcohol and 7 proline values", text);
        Assert.Contains("cleaned: 178 rows, each id once: True, cultivar values: class_0, class_1, class_2", text);
        Assert.Contains("172 rows identical to the clean table; the other 6 differ only in proline: True (imputed medians, off by 110 to 325)", text);
    }

    [Fact]
    public void BoxPlotAndCorrelationGapsMatchTheProse()
    {
        var text = curriculum.Load("14-exploratory-data-analysis.ipynb").AllText;
        Assert.Contains("farthest outlier: magnesium, z = 4.36", text);
        // The four largest Pearson-Spearman gaps each involve a right-skewed column, and span 0.13 to 0.16.
        var gaps = Regex.Match(text, @"largest gaps: (.+)\n");
        Assert.True(gaps.Success, "largest gaps not printed");
        var pairs = gaps.Groups[1].Value.Split("; ");
        Assert.Equal(4, pairs.Length);
        foreach (var pair in pairs)
        {
            Assert.Matches("magnesium|color_intensity|malic_acid", pair);
            var r = Regex.Match(pair, @"(-?[\d.]+) vs (-?[\d.]+)$");
            Assert.InRange(Math.Abs(Number(r, 1) - Number(r, 2)), 0.125, 0.165);
        }
        // The strongest pairs agree to within 0.08.
        foreach (Match m in Regex.Matches(text, @"Pearson\s+(-?[\d.]+)  Spearman\s+(-?[\d.]+)"))
            Assert.True(Math.Abs(Number(m, 1) - Number(m, 2)) <= 0.08, m.Value);
    }

    [Fact]
    public void FeatureEngineeringAndCorrelationsShowTheirNumbers()
    {
        var text = curriculum.Load("14-exploratory-data-analysis.ipynb").AllText;
        var log = Regex.Match(text, @"log\(area error\) : skewness\s+([\d.]+), excess kurtosis\s+([\d.]+),\s+(\d+) IQR outliers");
        Assert.True(log.Success, "log transform not printed");
        Assert.InRange(Number(log, 1), 0.5, 1.0);      // from 5.45
        Assert.Equal(5, Number(log, 3));               // from 65
        var size = Regex.Match(text, @"size \(average z\): Cohen's d = ([\d.]+)");
        Assert.InRange(Number(size, 1), 2.0, 2.4);
        var gap = Regex.Match(text, @"concavity error – worst compactness: Pearson ([\d.]+), Spearman ([\d.]+)");
        Assert.True(gap.Success, "Pearson/Spearman comparison not printed");
        Assert.Equal(0.485, Number(gap, 1), 3);
        Assert.Equal(0.732, Number(gap, 2), 3);
        Assert.Contains("flavanoids       median by class: class_0 2.98, class_1 2.03, class_2 0.69", text);
    }

    [Fact]
    public void ChartsAreSavedAndInteractiveChartIsInline()
    {
        var nb = curriculum.Load("14-exploratory-data-analysis.ipynb");
        foreach (var name in new[] { "histogram-mean-area", "boxplots-wine", "scatter-matrix-wine", "log-area-error",
                                     "correlation-pearson", "correlation-spearman", "segments-wine" })
        {
            var path = Path.Combine(RepoPaths.Root, "img", $"14-{name}.png");
            Assert.True(File.Exists(path) && new FileInfo(path).Length > 5_000, $"{path} missing or empty");
        }
        Assert.Contains(nb.Html, h => h.Contains("Plotly.newPlot") && h.Contains("flavanoids"));
        // The per-class means come from DataFrame.GroupBy: class 0's mean proline is 1115.7.
        Assert.Contains(nb.Html, h => h.Contains("<th>proline</th>") && h.Contains("1115.71"));
    }
}
