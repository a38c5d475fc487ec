using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NotebookToApp;

/// <summary>Renames the variables that notebook cells may declare but one program may not.</summary>
/// <remarks>
/// In a notebook every cell is a submission of its own: a cell may declare a name an earlier cell declared (the new
/// one hides the old), and a variable declared inside a loop or lambda may share its name with a top-level variable
/// of another cell. As top-level statements of one file these are errors CS0128 and CS0136. The compiler finds them
/// (binding needs no references for these two errors), and the later or inner declaration is renamed, with the
/// identifiers that refer to it, until none is left.
/// </remarks>
internal static class NameClashes
{
    internal sealed record Rename(string From, string To, string Where);

    private static readonly MetadataReference[] CoreReferences =
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "System.Linq.dll" or "System.Collections.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();

    public static (string Program, List<Rename> Renames) Resolve(string program)
    {
        var renames = new List<Rename>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var tree = CSharpSyntaxTree.ParseText(program, new CSharpParseOptions(LanguageVersion.Preview));
            var compilation = CSharpCompilation.Create("app", [tree], CoreReferences, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
            var model = compilation.GetSemanticModel(tree);
            var clash = model.GetDiagnostics()
                .Where(d => d.Id is "CS0128" or "CS0136")
                .OrderBy(d => d.Location.SourceSpan.Start)
                .FirstOrDefault();
            if (clash is null) return (program, renames);

            var root = tree.GetRoot();
            var token = root.FindToken(clash.Location.SourceSpan.Start);
            var name = token.ValueText;
            var declared = model.GetDeclaredSymbol(token.Parent!);
            var newName = FreeName(program, name);
            var changes = new List<TextChange> { new(token.Span, newName) };
            foreach (var id in root.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (id.Identifier.ValueText != name || id.SpanStart <= token.SpanStart) continue;
                var bound = model.GetSymbolInfo(id);
                var symbol = bound.Symbol ?? bound.CandidateSymbols.FirstOrDefault();
                var refersToIt = clash.Id == "CS0136"
                    // An inner declaration: exactly the identifiers bound to it.
                    ? SymbolEqualityComparer.Default.Equals(symbol, declared)
                    // A second declaration in the same scope: every later use of the name as a local.
                    : symbol is ILocalSymbol;
                if (refersToIt) changes.Add(new TextChange(id.Identifier.Span, newName));
            }
            renames.Add(new Rename(name, newName, Cell(program, token.SpanStart)));
            program = SourceText.From(program).WithChanges(changes).ToString();
        }
        throw new InvalidOperationException("Too many name clashes to resolve.");
    }

    // The "// --- cell N ---" marker above a position.
    private static string Cell(string program, int position)
    {
        const string marker = "// --- cell ";
        var at = program.LastIndexOf(marker, position, StringComparison.Ordinal);
        return at < 0 ? "a type declaration" : "cell " + program[(at + marker.Length)..program.IndexOf(' ', at + marker.Length)];
    }

    private static string FreeName(string program, string name)
    {
        for (var k = 2; ; k++)
        {
            var candidate = name + k;
            if (!System.Text.RegularExpressions.Regex.IsMatch(program, $@"\b{candidate}\b")) return candidate;
        }
    }
}
