using System.Text.RegularExpressions;
using ScottPlot;
using XPlot.Plotly;

namespace MLPrimer.Charts;

/// <summary>Shows charts inline in a notebook and saves them under the repository's img/ folder.</summary>
public static partial class Charts
{
    /// <summary>Environment variable that overrides the folder charts are saved to.</summary>
    public const string ImageDirectoryVariable = "MLPRIMER_IMG";

    private static int _plotlyCount;
    private static bool _plotlyScriptSent;
    private static readonly Lock Gate = new();

    /// <summary>The folder named charts are saved to: MLPRIMER_IMG, else img/ in the repository that holds the current directory.</summary>
    public static string ImageDirectory
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(ImageDirectoryVariable);
            if (!string.IsNullOrWhiteSpace(overridden)) return Path.GetFullPath(overridden);
            var root = Data.RepositoryRoot.FindAbove(Directory.GetCurrentDirectory());
            return Path.Combine(root ?? Directory.GetCurrentDirectory(), "img");
        }
    }

    /// <summary>Renders a ScottPlot chart for inline display and, when <paramref name="name"/> is given, saves it as img/name (.png or .svg).</summary>
    public static ChartImage Show(Plot plot, string? name = null, int width = 720, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (width < 16) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 16 pixels.");
        if (height < 16) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be at least 16 pixels.");
        var svg = name != null && CheckName(name).EndsWith(".svg", StringComparison.OrdinalIgnoreCase);
        if (name != null && Path.GetExtension(name) == "") name += ".png";
        var bytes = svg
            ? System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height))
            : plot.GetImageBytes(width, height, ImageFormat.Png);
        string? path = null;
        if (name != null)
        {
            path = Path.Combine(ImageDirectory, name);
            AtomicFile.WriteAllBytes(path, bytes);
        }
        return new ChartImage(bytes, svg ? "image/svg+xml" : "image/png", path);
    }

    /// <summary>Turns an XPlot.Plotly chart into offline, self-contained HTML with a deterministic element id.</summary>
    public static PlotlyView Interactive(PlotlyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string prefix;
        int n;
        lock (Gate)
        {
            n = ++_plotlyCount;
            prefix = _plotlyScriptSent ? "" : PlotlyScript.Tag();
            _plotlyScriptSent = true;
        }
        var html = chart.GetInlineHtml();
        var id = GuidPattern().Match(html).Value;
        html = html.Replace(id, $"mlprimer-plotly-{n}");
        // Keep each chart's variables out of the page's global scope.
        html = html.Replace("<script>", "<script>(function(){").Replace("</script>", "})();</script>");
        return new PlotlyView(prefix + html);
    }

    /// <summary>Forces the next interactive chart to carry plotly.js again (e.g. after clearing a notebook's outputs).</summary>
    public static void ResendPlotlyScript()
    {
        lock (Gate) _plotlyScriptSent = false;
    }

    private static string CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(".."))
            throw new ArgumentException($"Chart name '{name}' must be a plain file name such as 'tsne.png'.", nameof(name));
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext is not ("" or ".png" or ".svg"))
            throw new ArgumentException($"Chart name '{name}' must end in .png or .svg (or have no extension for PNG).", nameof(name));
        return name;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();
}
