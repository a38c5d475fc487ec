namespace MLPrimer.Tests.IO;

public class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WritesContentAndCreatesFolders()
    {
        var path = Path.Combine(_dir, "a", "b", "file.txt");
        AtomicFile.WriteAllText(path, "hello");
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void FailedWriteKeepsThePreviousFileAndLeavesNoTemporary()
    {
        var path = Path.Combine(_dir, "keep.txt");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte((byte)'n');
            throw new InvalidOperationException("crash mid-write");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void EmptyPathIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllText("", "x"));
        Assert.Equal("path", e.ParamName);
    }

    [Fact]
    public void TemporariesOfKilledWritersAreRemovedByTheNextWrite()
    {
        var path = Path.Combine(_dir, "model.bin");
        // A process that has exited stands for a writer killed before its rename.
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        var orphan = $"{path}.{gone.Id}.{Guid.NewGuid():N}.tmp";
        var live = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";   // a writer of this process, still running
        var other = Path.Combine(_dir, $"other.bin.{gone.Id}.{Guid.NewGuid():N}.tmp");
        foreach (var f in new[] { orphan, live, other }) File.WriteAllText(f, "partial");
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(File.Exists(orphan), "the dead writer's temporary should be gone");
        Assert.True(File.Exists(live), "a live writer's temporary must stay");
        Assert.True(File.Exists(other), "temporaries of other files are not touched");
    }
}
