using MLPrimer.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/MLPrimer.Benchmarks -- [NAME ...]   (no name: list them)
var all = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();

if (args.Length == 0)
{
    Console.WriteLine("Benchmarks (pass one or more names, or 'all'):");
    foreach (var b in all) Console.WriteLine($"  {b.Name,-12} {b.Description}");
    return 0;
}

var chosen = args.Contains("all") ? all : all.Where(b => args.Contains(b.Name)).ToList();
var unknown = args.Where(a => a != "all" && all.All(b => b.Name != a)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}");
    return 2;
}
foreach (var b in chosen)
{
    Console.WriteLine($"## {b.Name}: {b.Description}");
    b.Run(Console.Out);
    Console.WriteLine();
}
return 0;
