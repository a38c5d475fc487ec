using ScottPlot;

namespace MLPrimer.Charts;

public static partial class Charts
{
    /// <summary>Renders a ScottPlot Multiplot (several plots in one figure) as PNG for inline display and, when <paramref name="name"/> is given, saves it as img/name.</summary>
    public static ChartImage Show(Multiplot multiplot, string? name = null, int width = 1200, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(multiplot);
        if (width < 16) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 16 pixels.");
        if (height < 16) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be at least 16 pixels.");
        if (multiplot.Subplots.Count == 0)
            throw new ArgumentException("multiplot must hold at least one plot.", nameof(multiplot));
        if (name != null)
        {
            var ext = Path.GetExtension(CheckName(name)).ToLowerInvariant();
            if (ext == ".svg")
                throw new ArgumentException($"Chart name '{name}' must be a PNG: a Multiplot renders to PNG only.", nameof(name));
            if (ext == "") name += ".png";
        }
        using var image = multiplot.Render(width, height);
        var bytes = image.GetImageBytes(ImageFormat.Png);
        string? path = null;
        if (name != null)
        {
            path = Path.Combine(ImageDirectory, name);
            AtomicFile.WriteAllBytes(path, bytes);
        }
        return new ChartImage(bytes, "image/png", path);
    }
}
