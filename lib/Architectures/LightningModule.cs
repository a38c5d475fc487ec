using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Architectures;

/// <summary>The research code of a model, as PyTorch Lightning splits it: the layers, the loss of a batch, and the optimiser.
/// The engineering loop (epochs, batches, devices, validation, early stopping, checkpoints) lives in <see cref="Trainer"/>.</summary>
public abstract class LightningModule(string name) : nn.Module(name)
{
    /// <summary>The loss of one training batch (a scalar tensor with a gradient).</summary>
    public abstract Tensor TrainingStep(Batch batch);

    /// <summary>The loss of one validation batch; by default the training loss, computed without gradients by the trainer.</summary>
    public virtual Tensor ValidationStep(Batch batch) => TrainingStep(batch);

    /// <summary>The optimiser; by default Adam with learning rate 0.01.</summary>
    public virtual optim.Optimizer ConfigureOptimizers() => optim.Adam(parameters(), lr: 0.01);
}
