using NotebookToApp;

// Usage: NotebookToApp [--notebooks DIR] [--apps DIR] [--check] [FILTER...]
// Writes apps/NN-name.cs for every notebook (or those whose file name contains a FILTER); --check writes nothing and
// exits 1 when an app differs from its notebook's conversion.
var notebooks = "notebooks";
var apps = "apps";
var check = false;
var filters = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--notebooks" when i + 1 < args.Length: notebooks = args[++i]; break;
        case "--apps" when i + 1 < args.Length: apps = args[++i]; break;
        case "--check": check = true; break;
        case "-h" or "--help":
            Console.WriteLine("NotebookToApp [--notebooks DIR] [--apps DIR] [--check] [FILTER...]");
            return 0;
        default: filters.Add(args[i]); break;
    }
}
if (!Directory.Exists(notebooks))
{
    Console.Error.WriteLine($"No notebooks folder '{Path.GetFullPath(notebooks)}': run from the repository root or pass --notebooks.");
    return 2;
}
var paths = Directory.GetFiles(notebooks, "*.ipynb").Order(StringComparer.Ordinal)
    .Where(p => filters.Count == 0 || filters.Any(f => Path.GetFileName(p).Contains(f, StringComparison.OrdinalIgnoreCase)))
    .ToList();
if (paths.Count == 0)
{
    Console.Error.WriteLine("No notebook matches.");
    return 2;
}
Directory.CreateDirectory(apps);
var stale = 0;
foreach (var path in paths)
{
    var target = Path.Combine(apps, AppConverter.AppFileName(path));
    var text = AppConverter.Convert(path);
    var current = File.Exists(target) ? File.ReadAllText(target) : null;
    if (current == text) continue;
    if (check)
    {
        Console.Error.WriteLine($"{target} is out of date with {path}");
        stale++;
        continue;
    }
    var tmp = target + ".tmp";
    File.WriteAllText(tmp, text);
    File.Move(tmp, target, overwrite: true);
    Console.WriteLine($"wrote {target}");
}
if (check && stale > 0)
{
    Console.Error.WriteLine($"{stale} app(s) out of date: run {AppConverter.RegenerateCommand}");
    return 1;
}
Console.WriteLine($"{paths.Count} notebook(s) converted; apps in {Path.GetFullPath(apps)} are up to date.");
return 0;
