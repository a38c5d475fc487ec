using MLPrimer.Finetuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Tests.Finetuning;

public class LoRALinearTests
{
    [Fact]
    public void AtCreationTheOutputIsTheBaseOutput()
    {
        torch.manual_seed(0);
        var baseLayer = nn.Linear(10, 6);
        var lora = new LoRALinear(baseLayer, rank: 2);
        var x = torch.randn(5, 10);
        Assert.True(lora.forward(x).eq(baseLayer.forward(x)).all().item<bool>());   // B = 0: exactly W x + b
        Assert.True(lora.DeltaWeight().eq(0).all().item<bool>());
    }

    [Fact]
    public void OutputAddsTheScaledLowRankUpdateAndMergeKeepsIt()
    {
        torch.manual_seed(1);
        var baseLayer = nn.Linear(10, 6);
        var lora = new LoRALinear(baseLayer, rank: 3, alpha: 6);     // scale 6 / 3 = 2
        Assert.Equal(2.0, lora.Scale);
        using (torch.no_grad()) lora.B.copy_(torch.randn(6, 3));
        var x = torch.randn(5, 10);
        // y = x Wᵀ + b + 2 · x Aᵀ Bᵀ, written out with matmul.
        var expected = x.matmul(baseLayer.weight!.t()) + baseLayer.bias! + 2 * x.matmul(lora.A.t()).matmul(lora.B.t());
        Assert.True(lora.forward(x).allclose(expected, rtol: 1e-5, atol: 1e-5));
        Assert.True(lora.Merge().forward(x).allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void OnlyTheLowRankFactorsTrain()
    {
        torch.manual_seed(2);
        var baseLayer = nn.Linear(64, 32);
        var lora = new LoRALinear(baseLayer, rank: 4);
        Assert.Equal(4 * (64 + 32), Freezing.TrainableParameters(lora));   // r (in + out)
        Assert.Equal(64 * 32 + 32 + 4 * (64 + 32), Freezing.TotalParameters(lora));
        lora.forward(torch.randn(3, 64)).sum().backward();
        Assert.True(baseLayer.weight!.grad is null);
        Assert.NotNull(lora.A.grad);
        Assert.NotNull(lora.B.grad);
    }

    [Fact]
    public void FreezeAndUnfreezeToggleEveryParameter()
    {
        var model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2));
        Assert.Equal(4 * 3 + 3 + 3 * 2 + 2, Freezing.TrainableParameters(model));
        Freezing.Freeze(model);
        Assert.Equal(0, Freezing.TrainableParameters(model));
        Assert.Equal(23, Freezing.TotalParameters(model));
        Freezing.Unfreeze(model);
        Assert.Equal(23, Freezing.TrainableParameters(model));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var baseLayer = nn.Linear(10, 6);
        Assert.Throws<ArgumentException>("rank", () => new LoRALinear(baseLayer, rank: 0));
        Assert.Throws<ArgumentException>("rank", () => new LoRALinear(baseLayer, rank: 7));
        Assert.Throws<ArgumentException>("alpha", () => new LoRALinear(baseLayer, rank: 2, alpha: 0));
    }
}
