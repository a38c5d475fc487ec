using System.Diagnostics;
using MLPrimer.Tracking;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLPrimer.Architectures;

/// <summary>One epoch of a <see cref="Trainer.Fit"/> run: mean training loss, mean validation loss (when validated), and its time.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? ValidationLoss, double Seconds);

/// <summary>What <see cref="Trainer.Fit"/> did: the epoch history, the best epoch by validation loss, and whether it stopped early.</summary>
public sealed record FitResult(IReadOnlyList<EpochRecord> History, int BestEpoch, double? BestValidationLoss, bool StoppedEarly)
{
    /// <summary>Number of epochs run.</summary>
    public int Epochs => History.Count;
}

/// <summary>The engineering loop PyTorch Lightning's Trainer runs for a <see cref="LightningModule"/>: shuffled batches on a
/// device, a validation pass each epoch, early stopping on the validation loss, and a checkpoint of the best epoch
/// (written with <see cref="Checkpoint"/> and restored at the end).</summary>
public sealed class Trainer
{
    /// <summary>Most epochs to run.</summary>
    public int MaxEpochs { get; }
    /// <summary>Rows per training batch.</summary>
    public int BatchSize { get; }
    /// <summary>Stop after this many epochs without a validation improvement (null: never stop early).</summary>
    public int? Patience { get; }
    /// <summary>Where the best epoch's checkpoint goes (null: keep the last weights, write nothing).</summary>
    public string? CheckpointPath { get; }
    /// <summary>Seed of the batch shuffling.</summary>
    public int Seed { get; }

    private readonly torch.Device _device;
    private readonly TextWriter _log;

    /// <summary>A trainer; <paramref name="log"/> gets one progress line per epoch (Console.Out when null, TextWriter.Null for silence).</summary>
    public Trainer(int maxEpochs, int batchSize = 512, int? patience = null, string? checkpointPath = null, torch.Device? device = null,
        int seed = 0, TextWriter? log = null)
    {
        Guard.AtLeast(maxEpochs, 1, nameof(maxEpochs));
        Guard.AtLeast(batchSize, 1, nameof(batchSize));
        if (patience is < 1) throw new ArgumentException($"patience must be at least 1 when given (got {patience}).", nameof(patience));
        MaxEpochs = maxEpochs;
        BatchSize = batchSize;
        Patience = patience;
        CheckpointPath = checkpointPath;
        Seed = seed;
        _device = device ?? CPU;
        _log = log ?? Console.Out;
    }

    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/>, validating on <paramref name="validation"/> after each epoch.
    /// Early stopping and the best-epoch checkpoint need a validation set.</summary>
    public FitResult Fit(LightningModule model, NamedTensorDataset train, NamedTensorDataset? validation = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        if (validation is null && Patience is not null)
            throw new ArgumentException("Early stopping (patience) needs a validation set.", nameof(validation));
        model.to(_device);
        var optimizer = model.ConfigureOptimizers();
        // Checkpoint.Save can store only a built-in optimizer's state; without it a resumed run would not be identical.
        if (CheckpointPath is not null && optimizer is not OptimizerHelper)
            throw new ArgumentException(
                $"model.ConfigureOptimizers() returned a {optimizer.GetType().Name}, whose state a checkpoint cannot save (only TorchSharp's built-in optimizers, " +
                "such as SGD or Adam, can be saved); return a built-in optimizer, or create the Trainer without checkpointPath.", nameof(model));
        var generator = new Generator((ulong)Seed);
        var history = new List<EpochRecord>();
        int bestEpoch = 0, sinceBest = 0;
        double? best = null;
        long step = 0;
        var stoppedEarly = false;
        for (var epoch = 1; epoch <= MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            double sum = 0;
            long rows = 0;
            foreach (var batch in train.Batches(BatchSize, shuffle: true, generator, _device))
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = model.TrainingStep(batch);
                if (!double.IsFinite(loss.item<float>()))
                    throw new InvalidOperationException($"The training loss became {loss.item<float>()} at epoch {epoch}, step {step}.");
                loss.backward();
                optimizer.step();
                sum += loss.item<float>() * batch.Size;
                rows += batch.Size;
                step++;
            }
            double? valLoss = validation is null ? null : Evaluate(model, validation);
            history.Add(new EpochRecord(epoch, sum / rows, valLoss, clock.Elapsed.TotalSeconds));
            var line = $"epoch {epoch,2}/{MaxEpochs}  train loss {sum / rows:F4}";
            if (valLoss is double v)
            {
                line += $"  val loss {v:F4}";
                if (best is null || v < best.Value - 1e-6)
                {
                    best = v;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (CheckpointPath is not null)
                        Checkpoint.Save(CheckpointPath, model, (OptimizerHelper)optimizer, epoch, step, v);
                }
                else
                {
                    sinceBest++;
                }
            }
            _log.WriteLine($"{line}  ({clock.Elapsed.TotalSeconds:F1} s)");
            if (Patience is int p && sinceBest >= p && epoch < MaxEpochs)
            {
                stoppedEarly = true;
                _log.WriteLine($"early stop: no validation improvement for {p} epoch(s); best epoch {bestEpoch}");
                break;
            }
        }
        if (CheckpointPath is not null && bestEpoch > 0 && bestEpoch != history.Count)
            Checkpoint.Load(CheckpointPath, model);
        if (validation is null) bestEpoch = history.Count;
        return new FitResult(history, bestEpoch, best, stoppedEarly);
    }

    /// <summary>Mean validation loss of <paramref name="model"/> on <paramref name="data"/>, weighted by batch size, without gradients
    /// (batches of at least 4,096 rows, so a loss that depends on the batch, like an in-batch softmax, is on its own scale).</summary>
    public double Evaluate(LightningModule model, NamedTensorDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        model.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long rows = 0;
        foreach (var batch in data.Batches(Math.Max(BatchSize, 4096), device: _device))
        {
            using var scope = NewDisposeScope();
            sum += model.ValidationStep(batch).item<float>() * batch.Size;
            rows += batch.Size;
        }
        return sum / rows;
    }
}
