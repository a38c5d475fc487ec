using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLPrimer.Architectures;

/// <summary>One cross layer of DCN-V2 (Wang et al. 2021): x_{l+1} = x0 ⊙ (W x_l + b) + x_l, with W a full d×d matrix.</summary>
/// <remarks>Each layer raises the degree of the polynomial in x0 by one, so L layers express every feature cross up to order L+1.</remarks>
public sealed class CrossLayer : nn.Module<Tensor, Tensor, Tensor>
{
    [TorchSharp.Utils.ComponentName(Name = "linear")]
    private readonly Linear _linear;

    /// <summary>A cross layer for inputs of <paramref name="dimension"/> features.</summary>
    public CrossLayer(int dimension) : base(nameof(CrossLayer))
    {
        Guard.AtLeast(dimension, 1, nameof(dimension));
        _linear = nn.Linear(dimension, dimension);
        RegisterComponents();
    }

    /// <summary>The layer's W (d×d) and b (d).</summary>
    public Linear Linear => _linear;

    /// <summary>Applies the layer: x0 is the input of the first cross layer, x the output of the previous one.</summary>
    public override Tensor forward(Tensor x0, Tensor x) => x0 * _linear.forward(x) + x;
}
