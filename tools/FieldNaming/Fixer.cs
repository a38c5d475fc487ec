using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Rename;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace FieldNaming;

/// <summary>Opens the solution, converts lock-only object fields, renames misnamed fields, checks the result compiles, writes it.</summary>
internal static class Fixer
{
    /// <summary>A field to change, found by its type's metadata name and its own name in one project.</summary>
    private sealed record Target(ProjectId Project, string TypeMetadataName, string Field, string NewName, string Where);

    internal static async Task<int> RunAsync(string[] args)
    {
        var check = args.Contains("--check");
        var path = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "MLPrimer.slnx");
        var root = Path.GetDirectoryName(path)!;
        using var workspace = MSBuildWorkspace.Create();
        workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure) Console.Error.WriteLine($"workspace: {e.Diagnostic.Message}");
        });
        Console.WriteLine($"Loading {path} ...");
        var original = path.EndsWith("proj", StringComparison.Ordinal)
            ? (await workspace.OpenProjectAsync(path)).Solution
            : await workspace.OpenSolutionAsync(path);
        var solution = original;
        var changes = 0;
        var renamedTo = new HashSet<string>();

        // Passes until nothing is left: a file linked into two projects is renamed once per project.
        for (var pass = 0; pass < 4; pass++)
        {
            var found = 0;
            foreach (var projectId in solution.ProjectIds)
            {
                foreach (var target in await LockOnlyObjectFieldsAsync(solution, projectId, root))
                {
                    Console.WriteLine($"{target.Where}: {target.Field} is an object used only to lock: becomes System.Threading.Lock");
                    found++;
                    if (!check) solution = await ToLockAsync(solution, target);
                }
                foreach (var target in await MisnamedFieldsAsync(solution, projectId, root))
                {
                    Console.WriteLine($"{target.Where}: {target.Field} -> {target.NewName}");
                    found++;
                    if (check) continue;
                    solution = await RenameAsync(solution, target);
                    renamedTo.Add(target.NewName);
                }
            }
            changes += found;
            if (found == 0 || check) break;
        }

        if (check)
        {
            Console.WriteLine(changes == 0 ? "Field names follow .editorconfig." : $"{changes} change(s) needed: run scripts/format.sh.");
            return changes == 0 ? 0 : 1;
        }
        if (changes == 0)
        {
            Console.WriteLine("Nothing to change.");
            return 0;
        }

        solution = await DropThisAsync(original, solution, renamedTo);
        Console.WriteLine("Compiling every project to check the changes ...");
        var added = new List<string>();
        foreach (var projectId in solution.ProjectIds)
        {
            var before = await ErrorsAsync(original.GetProject(projectId)!);
            foreach (var error in await ErrorsAsync(solution.GetProject(projectId)!))
                if (!before.Contains(error)) added.Add(error);
        }
        if (added.Count > 0)
        {
            Console.Error.WriteLine("The changes would add compiler errors; nothing was written:");
            foreach (var e in added.Distinct()) Console.Error.WriteLine("  " + e);
            return 2;
        }
        return await WriteAsync(original, solution, root);
    }

    /// <summary>`this._field` becomes `_field` (where the simplifier proves it binds to the same field): the prefix says it already.</summary>
    private static async Task<Solution> DropThisAsync(Solution original, Solution solution, HashSet<string> names)
    {
        var ids = solution.GetChanges(original).GetProjectChanges()
            .SelectMany(p => p.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true)).ToList();
        foreach (var id in ids)
        {
            var document = solution.GetDocument(id)!;
            var root = (await document.GetSyntaxRootAsync())!;
            var accesses = root.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                .Where(m => m.Expression is ThisExpressionSyntax && names.Contains(m.Name.Identifier.Text) && m.Name.Identifier.Text.StartsWith('_'))
                .ToList();
            if (accesses.Count == 0) continue;
            document = document.WithSyntaxRoot(root.ReplaceNodes(accesses, (_, m) => m.WithAdditionalAnnotations(Simplifier.Annotation)));
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation);
            solution = document.Project.Solution;
        }
        return solution;
    }

    /// <summary>Errors of a project's compilation, without positions (a rename moves them).</summary>
    private static async Task<HashSet<string>> ErrorsAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync();
        return compilation!.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{Path.GetFileName(d.Location.SourceTree?.FilePath)}: {d.Id} {d.GetMessage()}")
            .ToHashSet();
    }

    /// <summary>Writes each changed file once; a file linked into several projects must come out the same in each.</summary>
    private static async Task<int> WriteAsync(Solution original, Solution changed, string root)
    {
        var texts = new Dictionary<string, string>();
        foreach (var projectChanges in changed.GetChanges(original).GetProjectChanges())
        {
            foreach (var id in projectChanges.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true))
            {
                var document = changed.GetDocument(id)!;
                if (document.FilePath is not { } file) continue;
                var text = (await document.GetTextAsync()).ToString();
                if (texts.TryGetValue(file, out var other) && other != text)
                {
                    Console.Error.WriteLine($"{Path.GetRelativePath(root, file)} is linked into several projects and came out differently; nothing was written.");
                    return 2;
                }
                texts[file] = text;
            }
        }
        foreach (var (file, text) in texts)
        {
            await File.WriteAllTextAsync(file, text);
            Console.WriteLine($"wrote {Path.GetRelativePath(root, file)}");
        }
        return 0;
    }

    /// <summary>Fields declared in the repository's own source of one project (not generated code, not enum members).</summary>
    private static async Task<List<(IFieldSymbol Field, VariableDeclaratorSyntax Syntax, Document Document)>> SourceFieldsAsync(
        Solution solution, ProjectId projectId, string root)
    {
        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        var fields = new List<(IFieldSymbol, VariableDeclaratorSyntax, Document)>();
        foreach (var document in project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal))
        {
            if (document.FilePath is not { } file || !file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                continue;
            var tree = (await document.GetSyntaxTreeAsync())!;
            var model = compilation.GetSemanticModel(tree);
            foreach (var declarator in (await tree.GetRootAsync()).DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (declarator.Parent?.Parent is not FieldDeclarationSyntax) continue;
                if (model.GetDeclaredSymbol(declarator) is IFieldSymbol field && !field.IsImplicitlyDeclared
                    && field.ContainingType.TypeKind != TypeKind.Enum)
                    fields.Add((field, declarator, document));
            }
        }
        return fields;
    }

    private static string Where(Document document, SyntaxNode node, string root)
    {
        var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        return $"{Path.GetRelativePath(root, document.FilePath!)}({line})";
    }

    private static async Task<List<Target>> MisnamedFieldsAsync(Solution solution, ProjectId projectId, string root)
    {
        var targets = new List<Target>();
        foreach (var (field, syntax, document) in await SourceFieldsAsync(solution, projectId, root))
        {
            var newName = Naming.Expected(field);
            if (newName is null) continue;
            if (field.ContainingType.GetMembers(newName).Any() || field.ContainingType.MemberNames.Contains(newName))
            {
                Console.Error.WriteLine($"{Where(document, syntax, root)}: cannot rename {field.Name} to {newName}: the type already has a member of that name; rename it by hand.");
                continue;
            }
            targets.Add(new Target(projectId, MetadataName(field.ContainingType), field.Name, newName, Where(document, syntax, root)));
        }
        return targets;
    }

    private static async Task<List<Target>> LockOnlyObjectFieldsAsync(Solution solution, ProjectId projectId, string root)
    {
        var targets = new List<Target>();
        foreach (var (field, syntax, document) in await SourceFieldsAsync(solution, projectId, root))
        {
            if (field.Type.SpecialType != SpecialType.System_Object || field.DeclaredAccessibility != Accessibility.Private
                || !field.IsReadOnly || syntax.Parent is not VariableDeclarationSyntax { Variables.Count: 1 }
                || syntax.Initializer?.Value is not (ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 }
                    or ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 }))
                continue;
            var references = (await SymbolFinder.FindReferencesAsync(field, solution)).SelectMany(r => r.Locations).ToList();
            if (references.Count == 0) continue;
            var onlyLocks = true;
            foreach (var reference in references)
            {
                var node = (await reference.Location.SourceTree!.GetRootAsync()).FindNode(reference.Location.SourceSpan, getInnermostNodeForTie: true);
                var expression = node.Parent is MemberAccessExpressionSyntax access && access.Name == node ? access : node;
                if (expression.Parent is not LockStatementSyntax lockStatement || lockStatement.Expression != expression) onlyLocks = false;
            }
            if (onlyLocks)
                targets.Add(new Target(projectId, MetadataName(field.ContainingType), field.Name, field.Name, Where(document, syntax, root)));
        }
        return targets;
    }

    /// <summary>Finds the field again in the current solution (earlier changes replace the symbols).</summary>
    private static async Task<(IFieldSymbol Field, VariableDeclaratorSyntax Syntax, Document Document)> FindAsync(Solution solution, Target target)
    {
        var compilation = (await solution.GetProject(target.Project)!.GetCompilationAsync())!;
        var type = compilation.GetTypeByMetadataName(target.TypeMetadataName)
            ?? throw new InvalidOperationException($"type {target.TypeMetadataName} not found");
        var field = type.GetMembers(target.Field).OfType<IFieldSymbol>().Single();
        var reference = field.DeclaringSyntaxReferences.Single();
        var syntax = (VariableDeclaratorSyntax)await reference.GetSyntaxAsync();
        var document = solution.GetDocument(reference.SyntaxTree) ?? throw new InvalidOperationException($"no document for {target.Where}");
        return (field, syntax, document);
    }

    private static async Task<Solution> ToLockAsync(Solution solution, Target target)
    {
        var (_, syntax, document) = await FindAsync(solution, target);
        var declaration = (VariableDeclarationSyntax)syntax.Parent!;
        var text = await document.GetTextAsync();
        var changed = text.WithChanges(
            new TextChange(syntax.Initializer!.Value.Span, "new()"),
            new TextChange(declaration.Type.Span, "Lock"));
        return solution.WithDocumentText(document.Id, changed);
    }

    private static async Task<Solution> RenameAsync(Solution solution, Target target)
    {
        var (field, syntax, document) = await FindAsync(solution, target);
        if (Naming.IsTorchComponent(field) && !field.GetAttributes().Any(a => a.AttributeClass?.Name == "ComponentNameAttribute"))
        {
            // RegisterComponents names a submodule, parameter or buffer after its field unless [ComponentName] says otherwise.
            var declaration = (FieldDeclarationSyntax)syntax.Parent!.Parent!;
            var text = await document.GetTextAsync();
            var indent = new string(' ', declaration.GetLocation().GetLineSpan().StartLinePosition.Character);
            var attribute = $"[TorchSharp.Utils.ComponentName(Name = \"{field.Name}\")]";
            string replacement;
            if (declaration.Declaration.Variables.Count == 1)
                replacement = attribute + "\n" + indent + declaration.WithoutTrivia().ToString();
            else
            {
                // One declaration per field, so that the attribute names only this one.
                var head = string.Join(" ", declaration.AttributeLists.Select(a => a.ToString()).Concat(declaration.Modifiers.Select(m => m.Text)));
                var type = declaration.Declaration.Type.ToString();
                replacement = string.Join("\n" + indent, declaration.Declaration.Variables.Select(v =>
                    (v == syntax ? attribute + "\n" + indent : "") + $"{head} {type} {v.WithoutTrivia()};"));
            }
            solution = solution.WithDocumentText(document.Id, text.WithChanges(new TextChange(declaration.Span, replacement)));
            (field, _, _) = await FindAsync(solution, target);
        }
        return await Renamer.RenameSymbolAsync(solution, field, new SymbolRenameOptions(), target.NewName);
    }

    /// <summary>The name <see cref="Compilation.GetTypeByMetadataName"/> takes: namespace, enclosing types joined by '+', arity.</summary>
    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }
}
