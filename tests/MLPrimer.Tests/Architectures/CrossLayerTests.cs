using MLPrimer.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Tests.Architectures;

public class CrossLayerTests
{
    [Fact]
    public void ForwardMatchesTheFormulaByHand()
    {
        // d = 2, W = [[1, 2], [0, -1]], b = [0.5, 1], x0 = [1, 2], x = [3, -1].
        // W x + b = [3 - 2 + 0.5, 0 + 1 + 1] = [1.5, 2]; x0 ⊙ (W x + b) + x = [1.5 + 3, 4 - 1] = [4.5, 3].
        var layer = new CrossLayer(2);
        using (no_grad())
        {
            layer.Linear.weight!.copy_(tensor(new float[] { 1, 2, 0, -1 }, [2, 2]));
            layer.Linear.bias!.copy_(tensor(new float[] { 0.5f, 1 }));
        }
        var y = layer.forward(tensor(new float[] { 1, 2 }, [1, 2]), tensor(new float[] { 3, -1 }, [1, 2]));
        Assert.Equal([4.5f, 3f], y.data<float>().ToArray());
    }

    [Fact]
    public void TwoLayersFromZeroWeightsWithUnitBiasMultiplyTheInput()
    {
        // With W = 0 and b = 1: layer 1 gives x0 ⊙ 1 + x0 = 2 x0, layer 2 gives x0 ⊙ 1 + 2 x0 = 3 x0.
        var l1 = new CrossLayer(3);
        var l2 = new CrossLayer(3);
        using (no_grad())
            foreach (var l in new[] { l1, l2 }) { l.Linear.weight!.zero_(); l.Linear.bias!.fill_(1); }
        var x0 = tensor(new float[] { 1, -2, 0.5f }, [1, 3]);
        Assert.Equal([3f, -6f, 1.5f], l2.forward(x0, l1.forward(x0, x0)).data<float>().ToArray());
        Assert.Equal("dimension", Assert.Throws<ArgumentException>(() => new CrossLayer(0)).ParamName);
    }
}
