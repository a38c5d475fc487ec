using MLPrimer.Architectures;
using MLPrimer.Finetuning;
using MLPrimer.Serving;
using TorchSharp;

namespace MLPrimer.Tests.Device;

/// <summary>
/// The library's TorchSharp modules keep the state_dict names they had before the fields took the _camelCase convention
/// (the fields carry [ComponentName]): saved weights, the model registry's files and PyTorch-style code name them so.
/// The expected keys are PyTorch's for the same modules (a Linear's weight and bias; LoRA's lora_A and lora_B as in PEFT).
/// </summary>
public class StateDictNamesTests
{
    [Fact]
    public void LoRALinearKeepsPeftNames()
    {
        using var lora = new LoRALinear(torch.nn.Linear(4, 3), rank: 2);
        Assert.Equal(["lora_A", "lora_B", "pretrained.bias", "pretrained.weight"], lora.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CrossLayerKeepsItsLinearName()
    {
        using var cross = new CrossLayer(3);
        Assert.Equal(["linear.bias", "linear.weight"], cross.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TabularClassifierKeepsItsBufferAndLayerNames()
    {
        using var logistic = new TabularClassifier([0f, 1f], [1f, 2f], hidden: 0);
        Assert.Equal(["mean", "net.bias", "net.weight", "std"], logistic.state_dict().Keys.Order(StringComparer.Ordinal));
        // In order, as chapter 27 printed them before the fields were renamed (its test asserts that line).
        using var mlp = new TabularClassifier([0f, 1f], [1f, 2f], hidden: 4);
        Assert.Equal(["net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias", "mean", "std"], mlp.state_dict().Keys);
    }
}
