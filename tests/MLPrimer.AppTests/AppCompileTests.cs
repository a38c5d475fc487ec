using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MLPrimer.AppTests;

/// <summary>Every app compiles: in memory, against the assemblies its directives bring (seconds per app, where
/// 'dotnet build apps/NN.cs' takes about a minute each on a busy two-core machine).</summary>
public class AppCompileTests
{
    // What a file-based app gets from the SDK (ImplicitUsings) and from Directory.Build.props (Nullable).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray());

    [Theory]
    [MemberData(nameof(AppPaths.ChapterData), MemberType = typeof(AppPaths))]
    public void The_app_compiles(string chapter)
    {
        var path = Path.Combine(AppPaths.Apps, chapter + ".cs");
        // The '#:' directives are for the SDK, not the compiler: blank them, keeping line numbers.
        var text = string.Join('\n', File.ReadAllLines(path).Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? "" : l));
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create(chapter.Replace('-', '_'),
            [CSharpSyntaxTree.ParseText(text, options, path), CSharpSyntaxTree.ParseText(ImplicitUsings, options, "GlobalUsings.g.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10).ToList();
        Assert.True(result.Success, $"apps/{chapter}.cs does not compile (where a notebook loads a package no other does, add it to " +
            $"tests/MLPrimer.AppTests/MLPrimer.AppTests.csproj):\n{string.Join("\n", errors)}");
    }
}
