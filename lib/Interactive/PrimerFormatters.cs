using System.Net;
using System.Text;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using MLPrimer.Charts;
using TorchSharp;

namespace MLPrimer.Interactive;

/// <summary>HTML and plain-text views of tensors, DataFrames and charts for notebook outputs.</summary>
public static class PrimerFormatters
{
    private const int MaxRows = 20;

    /// <summary>Registers every formatter; calling it again is harmless.</summary>
    public static void Register()
    {
        Formatter.Register<ChartImage>((image, writer) => writer.Write(image.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<ChartImage>((image, writer) => writer.Write(image.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<PlotlyView>((view, writer) => writer.Write(view.Html), HtmlFormatter.MimeType);
        Formatter.Register<PlotlyView>((view, writer) => writer.Write(view.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<ScottPlot.Plot>((plot, writer) => writer.Write(MLPrimer.Charts.Charts.Show(plot).ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<XPlot.Plotly.PlotlyChart>((chart, writer) => writer.Write(MLPrimer.Charts.Charts.Interactive(chart).Html), HtmlFormatter.MimeType);
        Formatter.Register<torch.Tensor>((t, writer) => writer.Write(TensorHtml(t)), HtmlFormatter.MimeType);
        Formatter.Register<torch.Tensor>((t, writer) => writer.Write(TensorText(t)), PlainTextFormatter.MimeType);
        Formatter.Register<DataFrame>((df, writer) => writer.Write(DataFrameHtml(df)), HtmlFormatter.MimeType);
        Formatter.Register<DataFrame>((df, writer) => writer.Write(df.ToString()), PlainTextFormatter.MimeType);
    }

    internal static string TensorText(torch.Tensor t) =>
        $"tensor {t.dtype} [{string.Join(", ", t.shape)}] on {t.device}\n" + t.cpu().ToString(TensorStringStyle.Numpy);

    internal static string TensorHtml(torch.Tensor t) =>
        $"<div><b>tensor</b> <code>{t.dtype}</code> shape <code>[{string.Join(", ", t.shape)}]</code> on <code>{t.device}</code>" +
        $"<pre>{WebUtility.HtmlEncode(t.cpu().ToString(TensorStringStyle.Numpy))}</pre></div>";

    internal static string DataFrameHtml(DataFrame df)
    {
        var sb = new StringBuilder("<table><thead><tr><th></th>");
        foreach (var c in df.Columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        var shown = Math.Min(df.Rows.Count, MaxRows);
        for (var r = 0; r < shown; r++)
        {
            sb.Append("<tr><td><i>").Append(r).Append("</i></td>");
            foreach (var c in df.Columns) sb.Append("<td>").Append(WebUtility.HtmlEncode(Cell(c[r]))).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        sb.Append($"<p><small>{df.Rows.Count} rows × {df.Columns.Count} columns{(df.Rows.Count > shown ? $" (first {shown} shown)" : "")}</small></p>");
        return sb.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        float f => f.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
