namespace MLPrimer.Charts;

/// <summary>A rendered static chart: its bytes, its format and where it was saved (if it was).</summary>
public sealed record ChartImage(byte[] Bytes, string MimeType, string? SavedPath)
{
    /// <summary>An HTML fragment that shows the image inline (PNG as a data URI, SVG as markup).</summary>
    public string ToHtml() => MimeType == "image/svg+xml"
        ? System.Text.Encoding.UTF8.GetString(Bytes)
        : $"<img src=\"data:{MimeType};base64,{Convert.ToBase64String(Bytes)}\" alt=\"{System.Net.WebUtility.HtmlEncode(SavedPath is null ? "chart" : Path.GetFileName(SavedPath))}\"/>";

    /// <inheritdoc />
    public override string ToString() => SavedPath is null
        ? $"[{MimeType} chart]"
        : $"[{MimeType} chart saved to {Path.GetFileName(Path.GetDirectoryName(SavedPath))}/{Path.GetFileName(SavedPath)}]";
}
