using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Analysis;
using MLPrimer.Charts;
using MLPrimer.Device;
using TorchSharp;

namespace MLPrimer.Apps;

/// <summary>The notebook kernel's services for a chapter run as a file-based app.</summary>
public static class Notebook
{
    private static int _outputs;

    /// <summary>The folder interactive charts and other files are written to: apps/output/NN-name/ (git-ignored).</summary>
    public static string OutputDirectory { get; private set; } = Path.GetFullPath("output");

    /// <summary>Prepares the process as the kernel would for notebook <paramref name="chapter"/> (e.g. "09-word2vec").</summary>
    public static void StartChapter(string chapter)
    {
        var root = FindRepositoryRoot(AppContext.GetData("EntryPointFileDirectoryPath") as string)
                   ?? FindRepositoryRoot(Directory.GetCurrentDirectory())
                   ?? throw new InvalidOperationException("Run the app inside the repository: no folder holding global.json and data/README.md was found above it.");
        // The runner and Jupyter run a notebook with its own folder as working directory.
        Directory.SetCurrentDirectory(Path.Combine(root, "notebooks"));
        OutputDirectory = Path.Combine(root, "apps", "output", chapter);
        TorchNative.EnsureLoaded();
        // What the kernel does when it shuts down: servers a chapter started but did not stop are stopped.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopServers();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => StopServers();
        Console.CancelKeyPress += (_, _) => StopServers();
    }

    /// <summary>Shows a value as the notebook shows a cell's last expression: as text, charts saved to files.</summary>
    // Lower case on purpose: the notebooks call .NET Interactive's display(...), and the apps keep their code unchanged.
#pragma warning disable IDE1006
    public static void display(object? value) => Console.WriteLine(Format(value));
#pragma warning restore IDE1006

    /// <summary>The text display(...) prints for <paramref name="value"/>.</summary>
    public static string Format(object? value)
    {
        switch (value)
        {
            case null: return "<null>";
            case string s: return s;
            case ChartImage image: return image.SavedPath is null ? $"[chart written to {Save(image.Bytes, image.MimeType == "image/svg+xml" ? ".svg" : ".png")}]" : image.ToString();
            case ScottPlot.Plot plot: return Format(Charts.Charts.Show(plot));
            case PlotlyView view: return $"[interactive chart written to {SaveHtml(view.Html)}]";
            case XPlot.Plotly.PlotlyChart chart:
                Charts.Charts.ResendPlotlyScript();
                return Format(Charts.Charts.Interactive(chart));
            case torch.Tensor t:
                return $"tensor {t.dtype} [{string.Join(", ", t.shape)}] on {t.device}\n" + t.cpu().ToString(TensorStringStyle.Numpy);
            case DataFrame df:
                return df.ToString() + $"{df.Rows.Count} rows × {df.Columns.Count} columns";
            case IFormattable f: return f.ToString(null, CultureInfo.CurrentCulture);
            case IDictionary dictionary:
                var entries = new List<string>();
                foreach (DictionaryEntry e in dictionary) entries.Add($"{e.Key}: {Inline(e.Value)}");
                return string.Join("\n", entries);
            case IEnumerable sequence: return string.Join("\n", sequence.Cast<object?>().Select(Inline));
            default: return Inline(value);
        }
    }

    // One line for a value: its own ToString() where the type has one, else its public properties.
    private static string Inline(object? value)
    {
        if (value is null) return "<null>";
        var type = value.GetType();
        var toString = type.GetMethod(nameof(ToString), Type.EmptyTypes);
        if (toString?.DeclaringType != typeof(object) && toString?.DeclaringType != typeof(ValueType)) return value.ToString() ?? "";
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);
        return "{ " + string.Join(", ", properties.Select(p => $"{p.Name} = {p.GetValue(value)}")) + " }";
    }

    private static string SaveHtml(string fragment)
    {
        // Every file is a page of its own, so each carries plotly.js (the next chart embeds it again).
        Charts.Charts.ResendPlotlyScript();
        var page = $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{fragment}\n</body></html>\n";
        return Save(System.Text.Encoding.UTF8.GetBytes(page), ".html");
    }

    private static string Save(byte[] bytes, string extension)
    {
        Directory.CreateDirectory(OutputDirectory);
        var path = Path.Combine(OutputDirectory, $"output-{Interlocked.Increment(ref _outputs):D2}{extension}");
        File.WriteAllBytes(path, bytes);
        return Path.GetRelativePath(Path.Combine(OutputDirectory, "..", "..", ".."), path);
    }

    private static void StopServers()
    {
        Serving.ModelServerProcess.StopAll();
        Monitoring.PrometheusProcess.StopAll();
    }

    private static string? FindRepositoryRoot(string? start)
    {
        if (string.IsNullOrEmpty(start)) return null;
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "global.json")) && File.Exists(Path.Combine(dir.FullName, "data", "README.md")))
                return dir.FullName;
        return null;
    }
}
