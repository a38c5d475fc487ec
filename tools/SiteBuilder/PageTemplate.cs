using System.Net;
using System.Text;

namespace MLPrimer.Site;

/// <summary>The HTML shell of the site's pages: head with the bundled assets, a header with the search box, the content.</summary>
internal static class PageTemplate
{
    private const string SiteTitle = "ML System Design Primer for .NET";

    public static string Chapter(RenderedNotebook page, ChapterEntry? entry, (string Href, string Title)? previous, (string Href, string Title)? next)
    {
        var nav = new StringBuilder("<nav class=\"pager\">");
        nav.Append(previous is { } p ? $"<a class=\"previous\" href=\"{p.Href}\">← {Encode(p.Title)}</a>" : "<span></span>");
        nav.Append("<a class=\"up\" href=\"index.html\">Contents</a>");
        nav.Append(next is { } n ? $"<a class=\"next\" href=\"{n.Href}\">{Encode(n.Title)} →</a>" : "<span></span>");
        nav.Append("</nav>");
        var toc = new StringBuilder("<nav class=\"toc\"><h2>On this page</h2><ul>");
        foreach (var h in page.Toc)
            toc.Append($"<li class=\"level{h.Level}\"><a href=\"#{h.Anchor}\">{Encode(h.Text)}</a></li>");
        toc.Append("</ul></nav>");
        var section = entry is null ? "" : $"<p class=\"primer-section\">Primer section: {Encode(entry.PrimerSection)}</p>";
        return Shell(page.Title, $"{nav}<div class=\"layout\">{toc}<main>{section}{page.BodyHtml}</main></div>{nav}");
    }

    public static string Index(IReadOnlyList<(string Href, string Title, ChapterEntry? Entry)> chapters)
    {
        var rows = new StringBuilder();
        foreach (var (href, title, entry) in chapters)
            rows.Append($"<tr><td>{Encode(entry?.PrimerSection ?? "")}</td><td><a href=\"{href}\">{Encode(title)}</a></td><td>{Encode(entry?.Summary ?? "")}</td></tr>");
        var body = $"""
            <main class="index">
            <h1>{SiteTitle}</h1>
            <p>A runnable C# curriculum for the <em>ML System Design Primer</em>: every section of the primer is a chapter that
            states a claim, tests it with code and shows the result. These pages are the chapters as executed by
            <code>scripts/run-curriculum.sh</code>, outputs and charts included; they work offline.</p>
            <table class="chapters"><thead><tr><th>Primer section</th><th>Chapter</th><th>What it shows</th></tr></thead>
            <tbody>{rows}</tbody></table>
            </main>
            """;
        return Shell("Contents", body);
    }

    private static string Shell(string title, string content) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)} · {SiteTitle}</title>
        <link rel="stylesheet" href="assets/site.css">
        <link rel="stylesheet" href="assets/highlight.min.css">
        <link rel="stylesheet" href="assets/katex/katex.min.css">
        <script src="assets/plotly.min.js"></script>
        </head>
        <body>
        <header class="site"><a class="home" href="index.html">{SiteTitle}</a>
        <div class="search"><input id="search" type="search" placeholder="Search the chapters" autocomplete="off" aria-label="Search the chapters"><ol id="search-results" hidden></ol></div>
        </header>
        {content}
        <script src="assets/highlight.min.js"></script>
        <script src="assets/katex/katex.min.js"></script>
        <script src="assets/katex/contrib/auto-render.min.js"></script>
        <script src="assets/search-index.js"></script>
        <script src="assets/site.js"></script>
        </body>
        </html>
        """;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
