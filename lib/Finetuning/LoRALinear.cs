using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLPrimer.Finetuning;

/// <summary>A linear layer with a frozen pretrained weight W and a trainable low-rank update (LoRA, Hu et al., 2021):
/// y = W x + b + (α / r) · B A x, with A (r × in) random and B (out × r) zero, so at creation it computes exactly what W does.</summary>
/// <remarks>Only A and B train: r · (in + out) numbers instead of in · out. <see cref="Merge"/> folds the update into a plain
/// <see cref="Linear"/> for inference. A is initialised like PyTorch's Linear weights (Kaiming-uniform, a = √5), as in PEFT.</remarks>
public sealed class LoRALinear : nn.Module<Tensor, Tensor>
{
    [TorchSharp.Utils.ComponentName(Name = "pretrained")]
    private readonly Linear _pretrained;
    [TorchSharp.Utils.ComponentName(Name = "lora_A")]
    private readonly Parameter _loraA;
    [TorchSharp.Utils.ComponentName(Name = "lora_B")]
    private readonly Parameter _loraB;

    /// <summary>Wraps <paramref name="pretrained"/> (whose parameters are frozen) with a rank-<paramref name="rank"/> update scaled by
    /// <paramref name="alpha"/> / rank (alpha defaults to rank, a scale of 1).</summary>
    public LoRALinear(Linear pretrained, int rank, double? alpha = null) : base(nameof(LoRALinear))
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        var (outFeatures, inFeatures) = (pretrained.weight!.shape[0], pretrained.weight.shape[1]);
        if (rank < 1 || rank > Math.Min(inFeatures, outFeatures))
            throw new ArgumentException($"rank must be between 1 and min(in, out) = {Math.Min(inFeatures, outFeatures)}; got {rank}.", nameof(rank));
        if (alpha is { } a && !(a > 0))
            throw new ArgumentException($"alpha must be positive (got {a}).", nameof(alpha));
        Rank = rank;
        Scale = (alpha ?? rank) / rank;
        _pretrained = pretrained;
        foreach (var p in pretrained.parameters()) p.requires_grad = false;
        var device = pretrained.weight.device;
        var aInit = torch.empty(rank, inFeatures, device: device);
        using (torch.no_grad()) nn.init.kaiming_uniform_(aInit, a: Math.Sqrt(5));
        _loraA = new Parameter(aInit);
        _loraB = new Parameter(torch.zeros(outFeatures, rank, device: device));
        RegisterComponents();
    }

    /// <summary>Rank r of the update.</summary>
    public int Rank { get; }

    /// <summary>The factor α / r applied to B A.</summary>
    public double Scale { get; }

    /// <summary>The trainable down-projection A (r × in).</summary>
    public Parameter A => _loraA;

    /// <summary>The trainable up-projection B (out × r), zero at creation.</summary>
    public Parameter B => _loraB;

    /// <summary>W x + b + (α / r) · B A x.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var update = nn.functional.linear(nn.functional.linear(input, _loraA), _loraB) * Scale;
        return (_pretrained.forward(input) + update).MoveToOuterDisposeScope();
    }

    /// <summary>The weight update (α / r) · B A, shaped like the pretrained weight.</summary>
    public Tensor DeltaWeight() => _loraB.matmul(_loraA) * Scale;

    /// <summary>A new plain <see cref="Linear"/> with weight W + (α / r) · B A and the pretrained bias: same outputs, no extra cost at inference.</summary>
    public Linear Merge()
    {
        var w = _pretrained.weight!;
        var merged = nn.Linear(w.shape[1], w.shape[0], hasBias: _pretrained.bias is not null, device: w.device);
        using (torch.no_grad())
        {
            merged.weight!.copy_(w + DeltaWeight());
            if (_pretrained.bias is not null) merged.bias!.copy_(_pretrained.bias);
        }
        return merged;
    }
}
