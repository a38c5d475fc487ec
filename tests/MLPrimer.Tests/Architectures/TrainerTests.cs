using MLPrimer.Architectures;
using MLPrimer.Tracking;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLPrimer.Tests.Architectures;

public class TrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-trainer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Logistic regression y = 1[x0 + x1 > 0] on 256 points; learning rate settable.</summary>
    private sealed class Logistic : LightningModule
    {
        [TorchSharp.Utils.ComponentName(Name = "linear")]
        private readonly Linear _linear;
        private readonly double _lr;
        public Logistic(double lr) : base(nameof(Logistic)) { _linear = nn.Linear(2, 1); _lr = lr; RegisterComponents(); }
        public override Tensor TrainingStep(Batch b) => nn.functional.binary_cross_entropy_with_logits(_linear.forward(b["x"]).squeeze(1), b["y"]);
        public override optim.Optimizer ConfigureOptimizers() => optim.SGD(parameters(), _lr);
    }

    private static NamedTensorDataset Data(int seed)
    {
        torch.manual_seed(seed);
        var x = torch.randn(256, 2);
        return new NamedTensorDataset(new Dictionary<string, Tensor> { ["x"] = x, ["y"] = (x.sum(1) > 0).to_type(ScalarType.Float32) });
    }

    [Fact]
    public void LossDecreasesOnATinyProblem()
    {
        torch.manual_seed(0);
        var fit = new Trainer(maxEpochs: 10, batchSize: 32, log: TextWriter.Null).Fit(new Logistic(0.5), Data(1), Data(2));
        Assert.Equal(10, fit.Epochs);
        Assert.False(fit.StoppedEarly);
        Assert.True(fit.History[^1].TrainLoss < fit.History[0].TrainLoss * 0.7, $"{fit.History[0].TrainLoss} -> {fit.History[^1].TrainLoss}");
        Assert.True(fit.History[^1].ValidationLoss < 0.4);
    }

    [Fact]
    public void EarlyStoppingStopsWhenValidationDoesNotImprove()
    {
        // Learning rate 0: the weights never change, so the validation loss of epoch 1 is never beaten; with patience 2
        // training stops after epoch 3 and the best epoch is 1.
        torch.manual_seed(0);
        var lines = new StringWriter();
        var fit = new Trainer(maxEpochs: 20, batchSize: 64, patience: 2, log: lines).Fit(new Logistic(0.0), Data(1), Data(2));
        Assert.True(fit.StoppedEarly);
        Assert.Equal(3, fit.Epochs);
        Assert.Equal(1, fit.BestEpoch);
        Assert.Contains("early stop", lines.ToString());
    }

    [Fact]
    public void BestEpochIsCheckpointedAndRestored()
    {
        torch.manual_seed(0);
        var path = Path.Combine(_dir, "best.ckpt");
        var model = new Logistic(2.0);
        var trainer = new Trainer(maxEpochs: 8, batchSize: 16, checkpointPath: path, log: TextWriter.Null);
        var validation = Data(2);
        var fit = trainer.Fit(model, Data(1), validation);
        var info = Checkpoint.Peek(path);
        Assert.Equal(fit.BestEpoch, info.Epoch);
        Assert.Equal(fit.BestValidationLoss!.Value, info.Loss!.Value, 6);
        Assert.Equal(fit.History.Min(h => h.ValidationLoss!.Value), fit.BestValidationLoss!.Value, 9);
        Assert.Equal(fit.BestValidationLoss!.Value, trainer.Evaluate(model, validation), 5);   // the best weights are in memory
    }

    [Fact]
    public void BadInputThrows()
    {
        Assert.Equal("maxEpochs", Assert.Throws<ArgumentException>(() => new Trainer(0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentException>(() => new Trainer(1, batchSize: 0)).ParamName);
        Assert.Equal("patience", Assert.Throws<ArgumentException>(() => new Trainer(1, patience: 0)).ParamName);
        Assert.Equal("validation", Assert.Throws<ArgumentException>(() => new Trainer(3, patience: 1, log: TextWriter.Null).Fit(new Logistic(0.1), Data(1))).ParamName);
        var unequalRows = new Dictionary<string, Tensor> { ["x"] = torch.zeros(3, 2), ["y"] = torch.zeros(4) };
        Assert.Equal("tensors", Assert.Throws<ArgumentException>(() => new NamedTensorDataset(unequalRows)).ParamName);
        Assert.Throws<ArgumentException>(() => new NamedTensorDataset(new Dictionary<string, Tensor>()));
    }

    [Fact]
    public void BatchesCoverEveryRowOnce()
    {
        var data = new NamedTensorDataset(new Dictionary<string, Tensor> { ["i"] = torch.arange(10) });
        var sizes = data.Batches(4).Select(b => b.Size).ToArray();
        Assert.Equal([4L, 4L, 2L], sizes);
        var seen = data.Batches(3, shuffle: true, new Generator(1)).SelectMany(b => b["i"].data<long>().ToArray()).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), seen);
        Assert.Throws<KeyNotFoundException>(() => data.All["missing"]);
    }

    private sealed class CustomOptimizer() : optim.Optimizer(IntPtr.Zero);

    private sealed class WithCustomOptimizer() : LightningModule(nameof(WithCustomOptimizer))
    {
        public override Tensor TrainingStep(Batch b) => b["x"].sum();
        public override optim.Optimizer ConfigureOptimizers() => new CustomOptimizer();
    }

    [Fact]
    public void CheckpointingRefusesAnOptimizerWhoseStateItCannotSave()
    {
        // Before the fix, 'optimizer as OptimizerHelper' was null here and the checkpoint silently held no optimizer state.
        var path = Path.Combine(_dir, "custom.ckpt");
        var e = Assert.Throws<ArgumentException>(() => new Trainer(1, checkpointPath: path, log: TextWriter.Null).Fit(new WithCustomOptimizer(), Data(0)));
        Assert.Equal("model", e.ParamName);
        Assert.Contains("CustomOptimizer", e.Message);
        Assert.False(File.Exists(path));
    }
}
