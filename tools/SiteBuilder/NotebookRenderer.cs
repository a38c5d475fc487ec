using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;

namespace MLPrimer.Site;

/// <summary>A heading of a chapter page: level (2 or 3), its anchor and text, for the table of contents and the search.</summary>
internal sealed record Heading(int Level, string Anchor, string Text);

/// <summary>A stretch of a chapter's prose under one heading, as the search index holds it.</summary>
internal sealed record SearchSection(string Anchor, string Heading, string Text);

/// <summary>An executed notebook turned into the body of a page.</summary>
internal sealed record RenderedNotebook(string Title, string BodyHtml, IReadOnlyList<Heading> Toc, IReadOnlyList<SearchSection> Sections,
    int Charts, int Images);

/// <summary>Renders an executed .ipynb: markdown through Markdig, code for highlight.js, outputs by MIME type.</summary>
internal static partial class NotebookRenderer
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    // The plotly.js bundle MLPrimer inlines into a kernel's first chart (lib/Charts/PlotlyScript.cs); the site loads it once instead.
    private const string PlotlyBundleStart = "<script type=\"text/javascript\">(function(){var d=window.define;window.define=undefined;";
    private const string PlotlyBundleEnd = "window.define=d;})();</script>";

    [GeneratedRegex(@"<h(?<level>[1-6]) id=""(?<id>[^""]*)"">(?<text>.*?)</h\k<level>>", RegexOptions.Singleline)]
    private static partial Regex HeadingTag();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    public static RenderedNotebook Render(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var body = new StringBuilder();
        var toc = new List<Heading>();
        var sections = new List<SearchSection>();
        var usedIds = new HashSet<string>();
        string? title = null;
        int charts = 0, images = 0;
        var section = new SearchSection("", "", "");
        var sectionText = new StringBuilder();

        void CloseSection()
        {
            if (section.Heading.Length > 0 || sectionText.Length > 0)
                sections.Add(section with { Text = Collapse(sectionText.ToString()) });
            sectionText.Clear();
        }

        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            var source = Join(cell.GetProperty("source"));
            switch (cell.GetProperty("cell_type").GetString())
            {
                case "markdown":
                    // Walk the rendered cell heading by heading: each heading gets a unique id and an anchor link, goes into
                    // the table of contents (levels 2 and 3), and starts a new search section (levels 1 to 3).
                    var rendered = global::Markdig.Markdown.ToHtml(source, Markdown);
                    var html = new StringBuilder();
                    var pos = 0;
                    foreach (Match m in HeadingTag().Matches(rendered))
                    {
                        html.Append(rendered, pos, m.Index - pos);
                        sectionText.Append(' ').Append(PlainText(rendered[pos..m.Index]));
                        var level = int.Parse(m.Groups["level"].Value);
                        var inner = m.Groups["text"].Value;
                        var text = Collapse(PlainText(inner));
                        var id = Unique(m.Groups["id"].Value.Length > 0 ? m.Groups["id"].Value : "section", usedIds);
                        if (level == 1) title ??= text;
                        if (level is 2 or 3) toc.Add(new Heading(level, id, text));
                        if (level <= 3)
                        {
                            CloseSection();
                            section = new SearchSection(id, text, "");
                        }
                        html.Append($"<h{level} id=\"{id}\">{inner}<a class=\"anchor\" href=\"#{id}\" aria-label=\"link to this section\">#</a></h{level}>");
                        pos = m.Index + m.Length;
                    }
                    html.Append(rendered, pos, rendered.Length - pos);
                    sectionText.Append(' ').Append(PlainText(rendered[pos..]));
                    body.Append("<section class=\"markdown\">").Append(html).Append("</section>\n");
                    break;
                case "code":
                    body.Append("<div class=\"cell\"><pre class=\"code\"><code class=\"language-csharp\">")
                        .Append(WebUtility.HtmlEncode(source)).Append("</code></pre>\n");
                    foreach (var output in cell.GetProperty("outputs").EnumerateArray())
                        body.Append(RenderOutput(output, ref charts, ref images));
                    body.Append("</div>\n");
                    break;
            }
        }
        CloseSection();
        return new RenderedNotebook(title ?? Path.GetFileNameWithoutExtension(path), body.ToString(), toc, sections, charts, images);
    }

    private static string RenderOutput(JsonElement output, ref int charts, ref int images)
    {
        switch (output.GetProperty("output_type").GetString())
        {
            case "stream":
                return $"<pre class=\"output stream\">{WebUtility.HtmlEncode(Join(output.GetProperty("text")))}</pre>\n";
            case "error":
                var trace = output.TryGetProperty("traceback", out var t) ? string.Join("\n", t.EnumerateArray().Select(l => l.GetString())) : "";
                return $"<pre class=\"output error\">{WebUtility.HtmlEncode($"{output.GetProperty("ename").GetString()}: {output.GetProperty("evalue").GetString()}\n{trace}")}</pre>\n";
        }
        if (!output.TryGetProperty("data", out var data)) return "";
        if (data.TryGetProperty("image/png", out var png))
        {
            images++;
            return $"<div class=\"output\"><img alt=\"chart\" src=\"data:image/png;base64,{Join(png).Trim()}\"/></div>\n";
        }
        if (data.TryGetProperty("text/html", out var htmlData))
        {
            var html = StripPlotlyBundle(Join(htmlData));
            if (html.Contains("Plotly.newPlot(", StringComparison.Ordinal)) charts++;
            images += Regex.Matches(html, "<img ").Count;
            return $"<div class=\"output html\">{html}</div>\n";
        }
        if (data.TryGetProperty("text/plain", out var plain))
            return $"<pre class=\"output\">{WebUtility.HtmlEncode(Join(plain))}</pre>\n";
        return "";
    }

    private static string StripPlotlyBundle(string html)
    {
        var start = html.IndexOf(PlotlyBundleStart, StringComparison.Ordinal);
        if (start < 0) return html;
        var end = html.IndexOf(PlotlyBundleEnd, start, StringComparison.Ordinal);
        if (end < 0) throw new InvalidDataException("an output holds the start of plotly.js but not its end");
        return html[..start] + html[(end + PlotlyBundleEnd.Length)..];
    }

    private static string Unique(string id, HashSet<string> used)
    {
        var candidate = id;
        for (var n = 2; !used.Add(candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }

    private static string Join(JsonElement text) =>
        text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(l => l.GetString())) : text.GetString() ?? "";

    private static string Collapse(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static string PlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " "));
}
