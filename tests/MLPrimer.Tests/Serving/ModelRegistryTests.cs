using System.Text;
using MLPrimer.Serving;

namespace MLPrimer.Tests.Serving;

public class ModelRegistryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-registry-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Action<Stream> Bytes(string text) => s => s.Write(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void RegisterRoundTripsBytesHashAndMetadata()
    {
        var registry = new ModelRegistry(_dir);
        var v1 = registry.Register(Bytes("abc"), new Dictionary<string, string> { ["auc"] = "0.99" });
        Assert.Equal(1, v1.Version);
        Assert.Equal("v1", v1.Label);
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", v1.Sha256);
        Assert.Equal("abc", File.ReadAllText(v1.ModelPath));
        // A fresh registry object on the same folder sees the same version.
        var reopened = new ModelRegistry(_dir).Get(1);
        Assert.Equal("0.99", reopened.Metadata["auc"]);
        Assert.Equal(v1.Sha256, reopened.Sha256);
        Assert.True(registry.Verify(1));
        File.WriteAllText(v1.ModelPath, "abd");
        Assert.False(registry.Verify(1));
        // Only model.bin and meta.json: no temporary files left behind.
        Assert.Equal(["meta.json", "model.bin"], Directory.GetFiles(Path.GetDirectoryName(v1.ModelPath)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void PromoteAndRollback()
    {
        var registry = new ModelRegistry(_dir);
        Assert.Null(registry.Production);
        for (int i = 1; i <= 3; i++) registry.Register(Bytes($"model {i}"));
        Assert.Equal([1, 2, 3], registry.Versions().Select(v => v.Version));
        registry.Promote(1);
        registry.Promote(3);
        Assert.Equal(3, registry.Production!.Version);
        Assert.Equal(1, registry.Rollback().Version);
        Assert.Equal(1, new ModelRegistry(_dir).Production!.Version);
        Assert.Throws<InvalidOperationException>(() => registry.Rollback());
    }

    [Fact]
    public void AFailedRegistrationLeavesNoVersion()
    {
        var registry = new ModelRegistry(_dir);
        registry.Register(Bytes("good"));
        Assert.Throws<IOException>(() => registry.Register(s => { s.WriteByte(1); throw new IOException("disk full"); }));
        Assert.Equal([1], registry.Versions().Select(v => v.Version));
        Assert.Equal(3, registry.Register(Bytes("next")).Version);   // the failed number is not reused
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new ModelRegistry(" "));
        var registry = new ModelRegistry(_dir);
        Assert.Throws<ArgumentException>(() => registry.Get(1));
        Assert.Throws<ArgumentException>(() => registry.Promote(7));
    }
}
