using System.Reflection;

namespace MLPrimer.Charts;

/// <summary>The plotly.js bundle (npm plotly.js-dist-min, MIT) embedded in this library at build time.</summary>
internal static class PlotlyScript
{
    internal const string ResourceName = "MLPrimer.plotly.min.js";
    private static string? _source;

    internal static string Source => _source ??= Load();

    // plotly.min.js is a UMD bundle: where require.js defines `define` (classic Jupyter) it would register an AMD
    // module instead of setting window.Plotly, so `define` is hidden while it runs.
    internal static string Tag() =>
        "<script type=\"text/javascript\">(function(){var d=window.define;window.define=undefined;\n" + Source +
        "\nwindow.define=d;})();</script>";

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("plotly.js is not bundled in MLPrimer: run the setup (scripts/setup.sh), which installs it with npm before building the library.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
