using System.Text.Json;
using System.Text.RegularExpressions;
using PuppeteerSharp;

namespace MLPrimer.Tests.Site;

/// <summary>Builds the static site from the notebooks the fixture executed and loads every page offline in Debian's
/// headless chromium: no console or script errors, every Plotly chart drawn with data, every image decoded, every
/// local link pointing at a file of the site.</summary>
[Collection(nameof(Notebooks.NotebookCollection))]
public class SiteTests(Notebooks.CurriculumFixture curriculum) : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string _site = Path.Combine(Directory.CreateTempSubdirectory("mlprimer-site-").FullName, "site");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_site)!, recursive: true);

    // Runs in the page after load: what the test checks, as JSON.
    private const string Probe = """
        () => JSON.stringify({
          charts: Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => ({
            id: el.id, svg: !!el.querySelector('svg.main-svg'), traces: (el.data || []).length,
            drawn: el.querySelectorAll('g.trace, g.hm, image').length })),
          plotlyDivs: document.querySelectorAll('div[id^="mlprimer-plotly-"]').length,
          images: Array.from(document.images).map(i => ({ ok: i.complete && i.naturalWidth > 0, src: i.src.slice(0, 60) })),
          links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
          highlighted: document.querySelectorAll('pre.code code.hljs').length,
          code: document.querySelectorAll('pre.code code').length,
          toc: document.querySelectorAll('nav.toc a').length
        })
        """;

    [Fact]
    public async Task EveryPageLoadsOfflineWithChartsImagesAndLinks()
    {
        Assert.True(File.Exists(Chromium), "chromium is missing: scripts/test.sh installs it (Debian package chromium).");
        var build = ProcessRunner.Run("dotnet", [RepoPaths.SiteBuilder, "--executed", curriculum.OutputDirectory, "--out", _site], RepoPaths.Root, 300);
        Assert.True(build.ExitCode == 0, build.All);
        var pages = Directory.GetFiles(_site, "*.html").Order(StringComparer.Ordinal).ToArray();
        var notebooks = Directory.GetFiles(curriculum.OutputDirectory, "*.ipynb").Length;
        Assert.Equal(notebooks + 1, pages.Length);                                   // one page per chapter and the index
        // Offline: no page loads a script or a style from the network.
        Assert.DoesNotContain(pages, p => Regex.IsMatch(File.ReadAllText(p), "<(script|link)[^>]+(src|href)=\"(https?:)?//"));

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true, ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        var problems = new List<string>();
        var current = "";
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) problems.Add($"{current}: console error: {e.Message.Text}"); };
        page.PageError += (_, e) => problems.Add($"{current}: script error: {e.Message}");
        page.RequestFailed += (_, e) => problems.Add($"{current}: failed to load {e.Request.Url}");
        page.Request += (_, e) => { if (!e.Request.Url.StartsWith("file:") && !e.Request.Url.StartsWith("data:")) problems.Add($"{current}: went online for {e.Request.Url}"); };

        int charts = 0;
        foreach (var path in pages)
        {
            current = Path.GetFileName(path);
            await page.GoToAsync(new Uri(path).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 60_000 });
            using var probe = JsonDocument.Parse(await page.EvaluateFunctionAsync<string>(Probe));
            var root = probe.RootElement;
            Assert.True(root.GetProperty("plotlyDivs").GetInt32() == root.GetProperty("charts").GetArrayLength(), $"{current}: a Plotly chart did not render");
            foreach (var chart in root.GetProperty("charts").EnumerateArray())
            {
                charts++;
                Assert.True(chart.GetProperty("svg").GetBoolean() && chart.GetProperty("traces").GetInt32() > 0 && chart.GetProperty("drawn").GetInt32() > 0,
                    $"{current}: chart {chart.GetProperty("id")} has no drawn data");
            }
            foreach (var image in root.GetProperty("images").EnumerateArray())
                Assert.True(image.GetProperty("ok").GetBoolean(), $"{current}: image {image.GetProperty("src")} did not load");
            foreach (var href in root.GetProperty("links").EnumerateArray().Select(l => l.GetString()!))
            {
                if (Regex.IsMatch(href, "^[a-z]+:")) continue;                       // external links are not the site's
                var target = href.Split('#')[0];
                if (target.Length > 0)
                    Assert.True(File.Exists(Path.Combine(_site, target)), $"{current}: link {href} points at no page");
            }
            Assert.Equal(root.GetProperty("code").GetInt32(), root.GetProperty("highlighted").GetInt32());
            if (current != "index.html") Assert.True(root.GetProperty("toc").GetInt32() > 0, $"{current}: empty table of contents");
        }
        Assert.Empty(problems);
        Assert.True(charts > 0, "no interactive chart found on any page");

        // The search finds a chapter by words of its prose, offline.
        current = "index.html";
        await page.GoToAsync(new Uri(Path.Combine(_site, "index.html")).AbsoluteUri);
        await page.TypeAsync("#search", "getting started");
        var hits = await page.EvaluateFunctionAsync<string[]>("() => Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))");
        Assert.Contains(hits, h => h.StartsWith("00-getting-started.html", StringComparison.Ordinal));
        Assert.Empty(problems);
    }
}
