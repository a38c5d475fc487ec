using NotebookToApp;

namespace MLPrimer.AppTests;

/// <summary>The committed apps are what the converter makes of today's notebooks.</summary>
public class AppUpToDateTests
{
    [Theory]
    [MemberData(nameof(AppPaths.ChapterData), MemberType = typeof(AppPaths))]
    public void The_app_is_the_conversion_of_its_notebook(string chapter)
    {
        var app = Path.Combine(AppPaths.Apps, chapter + ".cs");
        var expected = AppConverter.Convert(Path.Combine(AppPaths.Notebooks, chapter + ".ipynb"));
        Assert.True(File.Exists(app), $"apps/{chapter}.cs is missing: run '{AppConverter.RegenerateCommand}' and commit apps/.");
        Assert.True(expected == File.ReadAllText(app),
            $"apps/{chapter}.cs is out of date with notebooks/{chapter}.ipynb: run '{AppConverter.RegenerateCommand}' and commit apps/.");
    }

    [Fact]
    public void Every_app_has_a_notebook()
    {
        var chapters = AppPaths.Chapters().ToHashSet();
        var orphans = Directory.GetFiles(AppPaths.Apps, "*.cs").Select(Path.GetFileNameWithoutExtension).Where(n => !chapters.Contains(n!)).ToList();
        Assert.True(orphans.Count == 0, $"apps without a notebook (delete them): {string.Join(", ", orphans)}");
    }
}
