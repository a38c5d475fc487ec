using MLPrimer.Distributed;
using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Tests.Distributed;

public class GradientCheckpointingTests
{
    private const int Layers = 6, Batch = 4, Width = 8;

    private static nn.Module<Tensor, Tensor>[] Build()
    {
        torch.manual_seed(3);
        return Enumerable.Range(0, Layers).Select(_ => (nn.Module<Tensor, Tensor>)nn.Sequential(nn.Linear(Width, Width), nn.Tanh())).ToArray();
    }

    private static float[][] Gradients(IEnumerable<nn.Module<Tensor, Tensor>> layers) =>
        layers.SelectMany(l => l.parameters()).Select(p => p.grad!.data<float>().ToArray()).ToArray();

    private static Tensor Loss(Tensor output) => output.pow(2).mean();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]     // uneven: 2, 2, 1, 1 layers
    [InlineData(6)]
    public void GradientsEqualPlainBackprop(int segments)
    {
        torch.manual_seed(0);
        var x = torch.randn(Batch, Width);

        var plain = Build();
        var y = x;
        foreach (var l in plain) y = l.forward(y);
        var plainLoss = Loss(y);
        plainLoss.backward();

        var checkpointed = Build();
        var pass = GradientCheckpointing.ForwardBackward(checkpointed, x, Loss, segments);

        Assert.Equal(plainLoss.item<float>(), pass.Loss);
        var expected = Gradients(plain);
        var actual = Gradients(checkpointed);
        for (var i = 0; i < expected.Length; i++)
            for (var j = 0; j < expected[i].Length; j++)
                Assert.Equal(expected[i][j], actual[i][j], 1e-7f);
    }

    [Theory]
    // Each activation is Batch × Width = 32 elements. Forwards: the first n - (last segment) layers run twice.
    // Peak: boundaries stored before segment s plus segment s's outputs, at the worst s (hand count).
    [InlineData(1, 6, 6 * 32)]           // plain: all six outputs
    [InlineData(2, 9, (1 + 3) * 32)]     // segments 3+3: one boundary + three outputs
    [InlineData(3, 10, (2 + 2) * 32)]    // 2+2+2: two boundaries + two outputs
    [InlineData(6, 11, (5 + 1) * 32)]    // 1 each: five boundaries + one output
    public void CountsRecomputationAndStoredActivations(int segments, int forwards, long peak)
    {
        torch.manual_seed(0);
        var pass = GradientCheckpointing.ForwardBackward(Build(), torch.randn(Batch, Width), Loss, segments);
        Assert.Equal(forwards, pass.LayerForwards);
        Assert.Equal(peak, pass.PeakActivationElements);
    }

    [Fact]
    public void SegmentBoundsSplitEvenlyWithTheRemainderFirst()
    {
        Assert.Equal(new[] { 0, 2, 4, 5, 6 }, GradientCheckpointing.SegmentBounds(6, 4));
        Assert.Equal(new[] { 0, 3, 6, 9 }, GradientCheckpointing.SegmentBounds(9, 3));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var layers = Build();
        var x = torch.randn(Batch, Width);
        Assert.Throws<ArgumentException>("segments", () => GradientCheckpointing.ForwardBackward(layers, x, Loss, 0));
        Assert.Throws<ArgumentException>("segments", () => GradientCheckpointing.ForwardBackward(layers, x, Loss, 7));
        Assert.Throws<ArgumentException>("layers", () => GradientCheckpointing.ForwardBackward([], x, Loss, 1));
        Assert.Throws<ArgumentException>("segments", () => GradientCheckpointing.SegmentBounds(3, 4));
    }
}
