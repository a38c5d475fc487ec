using MLPrimer.Data;
using Xunit;

namespace MLPrimer.Tests.Data;

public class DataPathsTests
{
    [Fact]
    public void FindsTheRepositoryDataFolder()
    {
        var dir = DataPaths.DataDirectory;
        Assert.True(File.Exists(Path.Combine(dir, "README.md")));
        Assert.True(File.Exists(Path.Combine(dir, "..", "global.json")));
    }

    [Fact]
    public void WalksUpFromTheAssemblyFolderWhenTheCurrentDirectoryIsOutside()
    {
        var outside = Directory.CreateTempSubdirectory("mlprimer-paths-").FullName;
        try
        {
            var assemblyDir = Path.GetDirectoryName(typeof(DataPaths).Assembly.Location)!;
            var found = DataPaths.Resolve(null, [outside, assemblyDir]);
            Assert.Equal(Path.GetFullPath(DataPaths.DataDirectory), found);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Fact]
    public void OverrideWinsOverTheSearch()
    {
        var custom = Directory.CreateTempSubdirectory("mlprimer-data-").FullName;
        try
        {
            Assert.Equal(custom, DataPaths.Resolve(custom, ["/"]));
        }
        finally
        {
            Directory.Delete(custom);
        }
    }

    [Fact]
    public void MissingOverrideFolderNamesTheVariable()
    {
        var missing = Path.Combine(Path.GetTempPath(), "mlprimer-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<DirectoryNotFoundException>(() => DataPaths.Resolve(missing, []));
        Assert.Contains(DataPaths.EnvironmentVariable, ex.Message);
        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public void FailureMessageSaysWhereItLookedAndHowToFixIt()
    {
        var outside = Directory.CreateTempSubdirectory("mlprimer-paths-").FullName;
        try
        {
            var ex = Assert.Throws<DirectoryNotFoundException>(() => DataPaths.Resolve(null, [outside]));
            Assert.Contains(outside, ex.Message);
            Assert.Contains("data/README.md", ex.Message);
            Assert.Contains("global.json", ex.Message);
            Assert.Contains("MLPRIMER_DATA", ex.Message);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Fact]
    public void FileRejectsEmptyNamesAndReportsMissingFiles()
    {
        var ex = Assert.Throws<ArgumentException>(() => DataPaths.File(" "));
        Assert.Equal("fileName", ex.ParamName);
        var missing = Assert.Throws<FileNotFoundException>(() => DataPaths.File("no-such-file.csv"));
        Assert.Contains("make-data.sh", missing.Message);
    }
}
