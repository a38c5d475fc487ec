using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Setup;

/// <summary>
/// Conventions the compiler cannot check (field names it does: .editorconfig's IDE1006 is an error in the build).
/// </summary>
public partial class ConventionTests
{
    /// <summary>
    /// Reference values live in one folder per area, spelled <c>reference</c>: the project copies <c>*/reference/**</c> to
    /// the test output, and on Linux that pattern is case-sensitive, so a <c>Reference/</c> folder would silently not travel.
    /// </summary>
    [Fact]
    public void EveryReferenceFolderIsLowerCaseAndCopiedToTheOutput()
    {
        var project = Path.Combine(RepoPaths.Root, "tests", "MLPrimer.Tests");
        var folders = Directory.GetDirectories(project, "*", SearchOption.AllDirectories)
            .Where(d => !d.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !d.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && string.Equals(Path.GetFileName(d), "reference", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            Assert.Equal("reference", Path.GetFileName(folder));
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                var copied = Path.Combine(AppContext.BaseDirectory, Path.GetRelativePath(project, file));
                Assert.True(File.Exists(copied), $"{Path.GetRelativePath(project, file)} is not in the test output");
            }
        }
    }

    [GeneratedRegex(@"^[ \t]*(?:(?:private|protected|internal|public|static|readonly)[ \t]+)+object[ \t]+\w+[ \t]*=[ \t]*new[ \t]*(?:object)?[ \t]*\([ \t]*\)[ \t]*;", RegexOptions.Multiline)]
    private static partial Regex ObjectLockField();

    /// <summary>A field that exists only to be locked is a System.Threading.Lock (C# 13 locks it without a Monitor); scripts/format.sh converts one.</summary>
    [Fact]
    public void LocksAreSystemThreadingLock()
    {
        var offenders = new List<string>();
        foreach (var folder in new[] { "lib", "services", "tools", "benchmarks", "tests" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepoPaths.Root, file);
                if (relative.Split(Path.DirectorySeparatorChar) is var parts && (parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules")))
                    continue;
                foreach (Match m in ObjectLockField().Matches(File.ReadAllText(file)))
                    offenders.Add($"{relative}: {m.Value.Trim()}");
            }
        Assert.True(offenders.Count == 0, "object fields used as locks (make them System.Threading.Lock):\n" + string.Join("\n", offenders));
    }
}
