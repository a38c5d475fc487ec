using MLPrimer.Tracking;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLPrimer.Tests.Tracking;

public class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (Sequential Model, OptimizerHelper Optimizer) Build(long seed)
    {
        torch.manual_seed(seed);
        var model = nn.Sequential(("fc1", nn.Linear(10, 8)), ("act", nn.Tanh()), ("fc2", nn.Linear(8, 1)));
        return (model, torch.optim.Adam(model.parameters(), lr: 0.01));
    }

    /// <summary>One epoch of minibatch training whose batch order comes from <paramref name="generator"/>.</summary>
    private static void Epoch(Sequential model, OptimizerHelper optimizer, Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.linspace(-1, 1, 40).reshape(4, 10);
        var y = x.sum(1, keepdim: true).sin();
        foreach (var i in torch.randperm(4, generator: generator).data<long>().ToArray())
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x[i].unsqueeze(0)), y[i].unsqueeze(0));
            loss.backward();
            optimizer.step();
        }
    }

    private static float[][] Parameters(nn.Module model) => model.parameters().Select(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    [Fact]
    public void ResumedTrainingEndsBitIdenticalToUninterruptedTraining()
    {
        var path = Path.Combine(_dir, "ckpt.zip");
        // Uninterrupted: 6 epochs.
        var (straight, straightOpt) = Build(1);
        var g1 = new Generator(123);
        for (var e = 0; e < 6; e++) Epoch(straight, straightOpt, g1);

        // Interrupted after 3 epochs, then rebuilt from a different seed and resumed from the checkpoint.
        var (first, firstOpt) = Build(1);
        var g2 = new Generator(123);
        for (var e = 0; e < 3; e++) Epoch(first, firstOpt, g2);
        Checkpoint.Save(path, first, firstOpt, epoch: 3, step: 12, loss: 0.5, generator: g2, metadata: new Dictionary<string, object?> { ["note"] = "halfway" });

        var (resumed, resumedOpt) = Build(99);
        var g3 = new Generator(7);
        var info = Checkpoint.Load(path, resumed, resumedOpt, g3);
        Assert.Equal((3, 12L, (double?)0.5), (info.Epoch, info.Step, info.Loss));
        Assert.Equal("halfway", info.Metadata["note"].GetString());
        for (var e = info.Epoch; e < 6; e++) Epoch(resumed, resumedOpt, g3);

        Assert.Equal(Parameters(straight), Parameters(resumed)); // exact float equality, element by element
    }

    [Fact]
    public void TheDefaultGeneratorIsRestored()
    {
        var path = Path.Combine(_dir, "rng.zip");
        var (model, _) = Build(5);
        Checkpoint.Save(path, model, null, epoch: 0);
        var expected = torch.rand(5).data<float>().ToArray();
        torch.manual_seed(1234);
        Checkpoint.Load(path, model);
        Assert.Equal(expected, torch.rand(5).data<float>().ToArray());
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousCheckpointAndNoPartialFile()
    {
        var path = Path.Combine(_dir, "ckpt.zip");
        var (model, optimizer) = Build(2);
        Checkpoint.Save(path, model, optimizer, epoch: 1);
        var before = File.ReadAllBytes(path);
        // NaN cannot be written as JSON, so the save fails after model and optimizer bytes were already written.
        Assert.ThrowsAny<ArgumentException>(() =>
            Checkpoint.Save(path, model, optimizer, epoch: 2, metadata: new Dictionary<string, object?> { ["diverged"] = double.NaN }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));
        Assert.Equal(1, Checkpoint.Peek(path).Epoch);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var (model, optimizer) = Build(3);
        var path = Path.Combine(_dir, "c.zip");
        Assert.Equal("epoch", Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, model, optimizer, epoch: -1)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, model)).ParamName);
        Checkpoint.Save(path, model, null, epoch: 0);
        Assert.Equal("optimizer", Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, model, optimizer)).ParamName);
    }

    [Fact]
    public void CorruptCheckpointsAreReportedWithTheirPath()
    {
        var (model, _) = Build(4);
        // Not a zip at all: before the fix, "Central Directory corrupt." without the path.
        var text = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(text, "not a checkpoint");
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Peek(text));
        Assert.Contains(text, e.Message);
        Assert.Contains(text, Assert.Throws<InvalidDataException>(() => Checkpoint.Load(text, model)).Message);
        // A zip whose checkpoint.json is {} or not JSON: before the fix, KeyNotFoundException / JsonException.
        foreach (var json in new[] { "{}", "[1, 2]", "{\"format\": \"one\"}", "not json" })
        {
            var path = Path.Combine(_dir, "empty.zip");
            File.Delete(path);
            using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
            using (var writer = new StreamWriter(zip.CreateEntry("checkpoint.json").Open()))
                writer.Write(json);
            var bad = Assert.Throws<InvalidDataException>(() => Checkpoint.Peek(path));
            Assert.Contains(path, bad.Message);
        }
    }
}
