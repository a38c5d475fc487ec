namespace MLPrimer.Tests.Setup;

/// <summary>
/// Reference values live in one folder per area, spelled <c>reference</c>: the project copies <c>*/reference/**</c> to the
/// test output, and on Linux that pattern is case-sensitive, so a <c>Reference/</c> folder would silently not travel.
/// </summary>
public class ReferenceFolderTests
{
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
}
