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
}
