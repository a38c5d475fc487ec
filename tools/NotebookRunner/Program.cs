using System.Diagnostics;
using NotebookRunner;

// Executes the curriculum's notebooks headless, each in a fresh kernel (a child process) with the notebook's
// folder as working directory, and writes executed copies with all outputs.
//
//   NotebookRunner [--notebooks DIR] [--out DIR] [--timeout SECONDS] [NAME ...]
//       NAME selects notebooks whose file name contains it (e.g. 00 or getting-started); none = all.
//   NotebookRunner --execute NOTEBOOK --out FILE      (internal: run one notebook in this process)
//
// Exit code: 0 when every notebook ran clean; 1 when a cell failed (the notebook, cell number and error are
// printed); 2 for bad arguments.
try
{
    return await Run(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"NotebookRunner: {e.Message}");
    return 2;
}

static async Task<int> Run(string[] args)
{
    var options = Options.Parse(args);
    if (options.Execute != null)
    {
        var failure = await NotebookExecutor.RunAsync(options.Execute, options.Output!, Console.Out);
        // Run the finalizers of native wrappers (ScottPlot's SkiaSharp objects, tensors) now, while the process is
        // whole: a finalizer that first binds a native entry point during process exit can fail to resolve it and
        // take the process down after every cell has passed (seen once in CI with SKFontStyle).
        for (var pass = 0; pass < 2; pass++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        if (failure == null) return 0;
        Console.Error.WriteLine(FailureReport.Format(options.Execute, failure));
        return 1;
    }
    return await Orchestrator.RunAllAsync(options);
}

internal sealed record Options(string NotebooksDirectory, string? Output, int TimeoutSeconds, IReadOnlyList<string> Names, string? Execute)
{
    public static Options Parse(string[] args)
    {
        string notebooks = "notebooks", execute = null!;
        string? output = null;
        var timeout = 1800;
        var names = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--notebooks": notebooks = Next(); break;
                case "--out": output = Next(); break;
                case "--timeout":
                    if (!int.TryParse(Next(), out timeout) || timeout < 1) throw new ArgumentException("--timeout must be a positive number of seconds.");
                    break;
                case "--execute": execute = Next(); break;
                case var a when a.StartsWith("--"): throw new ArgumentException($"unknown option {a}.");
                default: names.Add(args[i]); break;
            }
        }
        if (execute != null && output == null) throw new ArgumentException("--execute needs --out FILE.");
        return new Options(notebooks, output, timeout, names, execute);
    }
}

internal static class FailureReport
{
    public static string Format(string notebook, NotebookExecutor.Failure f) =>
        $"FAILED {notebook}, cell {f.CellNumber} ({f.FirstLine}):\n{Indent(f.Message)}";

    private static string Indent(string text) => string.Join("\n", text.Trim().Split('\n').Select(l => "    " + l));
}

internal static class Orchestrator
{
    public static async Task<int> RunAllAsync(Options options)
    {
        var dir = Path.GetFullPath(options.NotebooksDirectory);
        if (!Directory.Exists(dir)) throw new ArgumentException($"notebook folder {dir} does not exist.");
        var notebooks = Directory.GetFiles(dir, "*.ipynb", SearchOption.TopDirectoryOnly).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (options.Names.Count > 0)
        {
            notebooks = notebooks.Where(n => options.Names.Any(name => Path.GetFileName(n).Contains(name, StringComparison.OrdinalIgnoreCase))).ToList();
            if (notebooks.Count == 0) throw new ArgumentException($"no notebook in {dir} matches {string.Join(", ", options.Names)}.");
        }
        var outDir = Path.GetFullPath(options.Output ?? Path.Combine(dir, "..", "executed"));
        Directory.CreateDirectory(outDir);
        Console.WriteLine($"Executing {notebooks.Count} notebook(s) from {dir} into {outDir}");

        var results = new List<(string Name, double Seconds, string? Error)>();
        for (var i = 0; i < notebooks.Count; i++)
        {
            var nb = notebooks[i];
            var name = Path.GetFileName(nb);
            Console.WriteLine($"[{i + 1}/{notebooks.Count}] {name}");
            var watch = Stopwatch.StartNew();
            var error = await RunChildAsync(nb, Path.Combine(outDir, name), options.TimeoutSeconds);
            results.Add((name, watch.Elapsed.TotalSeconds, error));
            Console.WriteLine(error == null ? $"  ok in {watch.Elapsed.TotalSeconds:F1}s" : $"  {error}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"notebook",-48} {"seconds",8}  result");
        foreach (var (name, seconds, error) in results)
            Console.WriteLine($"{name,-48} {seconds,8:F1}  {(error == null ? "ok" : "FAILED")}");
        var failed = results.Count(r => r.Error != null);
        Console.WriteLine(failed == 0 ? $"All {results.Count} notebook(s) executed." : $"{failed} of {results.Count} notebook(s) failed.");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<string?> RunChildAsync(string notebook, string output, int timeoutSeconds)
    {
        var self = typeof(Orchestrator).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "exec", self, "--execute", notebook, "--out", output }) psi.ArgumentList.Add(a);
        using var child = Process.Start(psi)!;
        var stderr = new System.Text.StringBuilder();
        child.OutputDataReceived += (_, e) => { if (e.Data != null) Console.WriteLine(e.Data); };
        child.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await child.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            return $"FAILED {notebook}: timed out after {timeoutSeconds}s";
        }
        child.WaitForExit();
        if (child.ExitCode == 0) return null;
        var report = stderr.ToString().Trim();
        return report.Length > 0 ? report : $"FAILED {notebook}: kernel process exited with code {child.ExitCode}";
    }
}
