using System.Net;
using System.Text;
using System.Text.Json;

namespace MLPrimer.Site;

/// <summary>What <see cref="SiteWriter.Build"/> wrote.</summary>
internal sealed record SiteSummary(int Pages, int Charts, int Images);

/// <summary>Writes site/: index.html, one page per executed notebook, and assets/ (scripts, styles, the search index).</summary>
internal static class SiteWriter
{
    public static SiteSummary Build(SiteOptions options)
    {
        if (!Directory.Exists(options.Executed))
            throw new IOException($"no executed notebooks at {options.Executed}: run scripts/run-curriculum.sh first.");
        var notebooks = Directory.GetFiles(options.Executed, "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        if (notebooks.Length == 0)
            throw new IOException($"{options.Executed} holds no .ipynb files: run scripts/run-curriculum.sh first.");
        var table = ChapterTable.Read(Path.Combine(options.Root, "README.md"));

        // Build into a sibling folder, then swap it in, so a failed build leaves the previous site whole.
        var staging = options.Output + ".building";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        CopyAssets(options.Root, Path.Combine(staging, "assets"));

        var pages = notebooks.Select(path => (Name: Path.GetFileNameWithoutExtension(path), Page: NotebookRenderer.Render(path))).ToArray();
        for (var i = 0; i < pages.Length; i++)
        {
            var (name, page) = pages[i];
            var previous = i > 0 ? pages[i - 1] : default;
            var next = i + 1 < pages.Length ? pages[i + 1] : default;
            table.TryGetValue(name, out var entry);
            File.WriteAllText(Path.Combine(staging, name + ".html"), PageTemplate.Chapter(page, entry,
                previous.Name is null ? null : (previous.Name + ".html", previous.Page.Title),
                next.Name is null ? null : (next.Name + ".html", next.Page.Title)));
        }
        File.WriteAllText(Path.Combine(staging, "index.html"), PageTemplate.Index(pages.Select(p => (p.Name + ".html", p.Page.Title, table.GetValueOrDefault(p.Name))).ToArray()));
        WriteSearchIndex(Path.Combine(staging, "assets", "search-index.js"), pages);

        if (Directory.Exists(options.Output)) Directory.Delete(options.Output, recursive: true);
        Directory.Move(staging, options.Output);
        return new SiteSummary(pages.Length, pages.Sum(p => p.Page.Charts), pages.Sum(p => p.Page.Images));
    }

    /// <summary>A script, not JSON: browsers refuse to fetch() a file next to a page opened from file://, but they run its scripts.</summary>
    private static void WriteSearchIndex(string path, IEnumerable<(string Name, RenderedNotebook Page)> pages)
    {
        var entries = pages.SelectMany(p => p.Page.Sections.Select(s => new
        {
            page = p.Name + ".html",
            chapter = p.Page.Title,
            anchor = s.Anchor,
            heading = s.Heading,
            text = s.Text,
        }));
        File.WriteAllText(path, "window.MLPRIMER_SEARCH = " + JsonSerializer.Serialize(entries) + ";\n", Encoding.UTF8);
    }

    private static void CopyAssets(string root, string assets)
    {
        var npm = Path.Combine(root, "tools", "SiteBuilder", "node_modules");
        Copy(Path.Combine(root, "lib", "node_modules", "plotly.js-dist-min", "plotly.min.js"), Path.Combine(assets, "plotly.min.js"), "lib/ (npm ci)");
        Copy(Path.Combine(npm, "@highlightjs", "cdn-assets", "highlight.min.js"), Path.Combine(assets, "highlight.min.js"), "tools/SiteBuilder/ (npm ci)");
        Copy(Path.Combine(npm, "@highlightjs", "cdn-assets", "styles", "github.min.css"), Path.Combine(assets, "highlight.min.css"), "tools/SiteBuilder/ (npm ci)");
        foreach (var file in new[] { "katex.min.js", "katex.min.css", "contrib/auto-render.min.js" })
            Copy(Path.Combine(npm, "katex", "dist", file), Path.Combine(assets, "katex", file), "tools/SiteBuilder/ (npm ci)");
        foreach (var font in Directory.GetFiles(Path.Combine(npm, "katex", "dist", "fonts"), "*.woff2"))
            Copy(font, Path.Combine(assets, "katex", "fonts", Path.GetFileName(font)), "tools/SiteBuilder/ (npm ci)");
        foreach (var own in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "assets")))
            Copy(own, Path.Combine(assets, Path.GetFileName(own)), "the SiteBuilder build");
    }

    private static void Copy(string from, string to, string installedBy)
    {
        if (!File.Exists(from)) throw new IOException($"{from} is missing: it is installed by {installedBy}; scripts/setup.sh runs both.");
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
