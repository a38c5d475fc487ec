using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Manifold;

/// <summary>The exact O(n²) t-SNE gradient on a TorchSharp device (GPU when present): every pair attracts and repels.</summary>
internal sealed class ExactObjective : ITSneObjective
{
    private readonly Tensor _p, _offDiagonal;
    private readonly int _n, _dims;
    private readonly torch.Device _device;

    /// <summary>Takes the dense joint probabilities (row-major n×n) and the embedding's dimension.</summary>
    public ExactObjective(double[] joint, int n, int dims, torch.Device device)
    {
        _n = n;
        _dims = dims;
        _device = device;
        _p = tensor(joint, [n, n], ScalarType.Float64, device).DetachFromDisposeScope();
        _offDiagonal = (1 - eye(n, dtype: ScalarType.Float64, device: device)).DetachFromDisposeScope();
    }

    public double Gradient(double[] embedding, double[] gradient, double exaggeration, bool computeError)
    {
        using var scope = NewDisposeScope();
        var y = tensor(embedding, [_n, _dims], ScalarType.Float64, _device);
        var (w, q) = Kernel(y);
        var p = exaggeration == 1 ? _p : _p * exaggeration;
        // ∂C/∂y_i = 4 Σ_j (p_ij − q_ij)(1 + |y_i − y_j|²)⁻¹ (y_i − y_j)
        var m = (p - q) * w;
        var grad = 4 * (m.sum(1, keepdim: true) * y - m.matmul(y));
        grad.cpu().data<double>().CopyTo(gradient, 0);
        return computeError ? Kl(p, q) : double.NaN;
    }

    public double KlDivergence(double[] embedding)
    {
        using var scope = NewDisposeScope();
        var y = tensor(embedding, [_n, _dims], ScalarType.Float64, _device);
        var (_, q) = Kernel(y);
        return Kl(_p, q);
    }

    public void Dispose()
    {
        _p.Dispose();
        _offDiagonal.Dispose();
    }

    // Student-t kernel w_ij = (1 + d²_ij)⁻¹ with w_ii = 0, and Q = w / Σw floored at machine epsilon.
    private (Tensor W, Tensor Q) Kernel(Tensor y)
    {
        var sq = y.pow(2).sum(1);
        var d2 = (sq.unsqueeze(1) + sq.unsqueeze(0) - 2 * y.matmul(y.t())).clamp_min(0);
        var w = (d2 + 1).reciprocal() * _offDiagonal;
        var q = (w / w.sum()).clamp_min(JointProbabilities.MachineEpsilon);
        return (w, q);
    }

    private double Kl(Tensor p, Tensor q)
    {
        return (_offDiagonal * p * (p.clamp_min(JointProbabilities.MachineEpsilon) / q).log()).sum().item<double>();
    }
}
