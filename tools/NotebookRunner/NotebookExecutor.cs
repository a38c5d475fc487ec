using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookRunner;

/// <summary>Runs one notebook's code cells, top to bottom, in a fresh C# kernel in this process.</summary>
internal sealed class NotebookExecutor
{
    public sealed record Failure(int CellNumber, string FirstLine, string Message);

    public static async Task<Failure?> RunAsync(string notebookPath, string outputPath, TextWriter log)
    {
        var notebook = NotebookDocument.Load(notebookPath);
        using var kernel = CreateKernel();
        var cells = notebook.Cells;
        var codeCells = cells.Count(c => NotebookDocument.CellType(c!) == "code");
        var executionCount = 0;
        Failure? failure = null;

        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!;
            if (NotebookDocument.CellType(cell) != "code") continue;
            if (failure != null)
            {
                NotebookDocument.SetOutputs(cell, [], null);
                continue;
            }
            var source = NotebookDocument.Source(cell);
            executionCount++;
            var watch = Stopwatch.StartNew();
            var (outputs, error) = await ExecuteCellAsync(kernel, source, executionCount);
            NotebookDocument.SetOutputs(cell, outputs, executionCount);
            log.WriteLine($"  cell {i + 1,3} ({executionCount}/{codeCells} code) {watch.Elapsed.TotalSeconds,7:F1}s{(error == null ? "" : "  FAILED")}");
            if (error != null)
                failure = new Failure(i + 1, source.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "", error);
        }
        notebook.Save(outputPath);
        return failure;
    }

    private static CompositeKernel CreateKernel()
    {
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, packages) => LoadPackagesAsync(k, packages), forceRestore: false)
            .UseKernelHelpers()
            .UseValueSharing()
            .UseWho();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    // What dotnet-interactive does after a #r "nuget:": reference the assemblies, make the packages' native
    // folders searchable, and run the kernel extensions that packages carry in interactive-extensions/dotnet.
    private static async Task LoadPackagesAsync(CSharpKernel kernel, IReadOnlyList<ResolvedPackageReference> packages)
    {
        kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
        NativeProbing.Add(packages.SelectMany(p => p.ProbingPaths));
        var root = kernel.ParentKernel ?? (Kernel)kernel;
        foreach (var package in packages)
        {
            var dir = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(dir)) continue;
            foreach (var dll in Directory.GetFiles(dir, "*.dll"))
            {
                var assembly = Assembly.LoadFrom(dll);
                foreach (var type in assembly.GetExportedTypes().Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false }))
                    await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(root);
            }
        }
    }

    private static async Task<(JsonArray Outputs, string? Error)> ExecuteCellAsync(Kernel kernel, string source, int executionCount)
    {
        var outputs = new JsonArray();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        string? error = null;

        void FlushStreams()
        {
            if (stdout.Length > 0) outputs.Add(Stream("stdout", stdout));
            if (stderr.Length > 0) outputs.Add(Stream("stderr", stderr));
        }

        var displayIndex = new Dictionary<string, int>();
        var result = await kernel.SendAsync(new SubmitCode(source));
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case DisplayedValueUpdated u when u.ValueId != null && displayIndex.TryGetValue(u.ValueId, out var index):
                    outputs[index] = new JsonObject { ["output_type"] = "display_data", ["data"] = Data(u), ["metadata"] = new JsonObject() };
                    break;
                case StandardOutputValueProduced o:
                    stdout.Append(Text(o));
                    break;
                case StandardErrorValueProduced o:
                    stderr.Append(Text(o));
                    break;
                case ReturnValueProduced r when r.Value is not null || r.FormattedValues.Count > 0:
                    FlushStreams();
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "execute_result",
                        ["data"] = Data(r),
                        ["metadata"] = new JsonObject(),
                        ["execution_count"] = executionCount,
                    });
                    break;
                case DisplayEvent d and not ReturnValueProduced and not StandardOutputValueProduced and not StandardErrorValueProduced and not DisplayedValueUpdated:
                    FlushStreams();
                    if (d.ValueId != null) displayIndex[d.ValueId] = outputs.Count;
                    outputs.Add(new JsonObject { ["output_type"] = "display_data", ["data"] = Data(d), ["metadata"] = new JsonObject() });
                    break;
                case CommandFailed f:
                    error = f.Message ?? f.Exception?.Message ?? "cell failed";
                    break;
            }
        }
        FlushStreams();
        if (error != null)
        {
            outputs.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = "Error",
                ["evalue"] = error,
                ["traceback"] = new JsonArray(error),
            });
        }
        return (outputs, error);
    }

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.Value?.ToString() ?? "";

    private static JsonObject Stream(string name, StringBuilder text)
    {
        var node = new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = NotebookDocument.Lines(text.ToString()) };
        text.Clear();
        return node;
    }

    private static JsonObject Data(DisplayEvent e)
    {
        var data = new JsonObject();
        foreach (var v in e.FormattedValues)
            if (!data.ContainsKey(v.MimeType)) data[v.MimeType] = NotebookDocument.Lines(v.Value);
        if (!data.ContainsKey(PlainTextFormatter.MimeType) && e.Value is not null)
            data[PlainTextFormatter.MimeType] = NotebookDocument.Lines(e.Value.ToDisplayString(PlainTextFormatter.MimeType));
        return data;
    }
}
