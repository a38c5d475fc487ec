using System.Reflection;

namespace MLPrimer;

/// <summary>Facts about the helper library and the stack it brings, for environment checks.</summary>
public static class Primer
{
    /// <summary>The library's version, as packed into the local feed the notebooks load.</summary>
    public static string Version => VersionOf(typeof(Primer).Assembly);

    /// <summary>The versions of the libraries the curriculum is built on, by package name.</summary>
    public static IReadOnlyDictionary<string, string> PackageVersions() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["MLPrimer"] = Version,
        ["TorchSharp"] = VersionOf(typeof(TorchSharp.torch).Assembly),
        ["Microsoft.ML"] = VersionOf(typeof(Microsoft.ML.MLContext).Assembly),
        ["Microsoft.Data.Analysis"] = VersionOf(typeof(Microsoft.Data.Analysis.DataFrame).Assembly),
        ["ScottPlot"] = VersionOf(typeof(ScottPlot.Plot).Assembly),
        ["XPlot.Plotly"] = VersionOf(typeof(XPlot.Plotly.PlotlyChart).Assembly),
    };

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString(3) ?? "unknown";
}
