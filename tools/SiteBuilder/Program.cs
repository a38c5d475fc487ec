// Builds the static site of the executed curriculum: one page per executed notebook, an index with the chapter table,
// previous/next links, a table of contents, highlighted code, text/table/image outputs, interactive Plotly charts and a
// client-side search, all working offline from file:// (every script and style is copied into site/assets).
// Usage: SiteBuilder [--executed DIR] [--out DIR] [--root REPO]   (defaults: executed/, site/, the repository root)
using MLPrimer.Site;

var options = SiteOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: SiteBuilder [--executed DIR] [--out DIR] [--root REPO]");
    return 2;
}
try
{
    var site = SiteWriter.Build(options);
    Console.WriteLine($"site: {site.Pages} chapter pages, {site.Charts} interactive charts, {site.Images} images -> {options.Output}");
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"SiteBuilder: {e.Message}");
    return 1;
}
