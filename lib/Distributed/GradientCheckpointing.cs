using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Distributed;

/// <summary>What one checkpointed forward-and-backward pass did.</summary>
/// <param name="Loss">The loss value.</param>
/// <param name="LayerForwards">Layer forward calls, recomputation included (n for plain backprop).</param>
/// <param name="PeakActivationElements">Largest number of activation elements (layer outputs) held at once.</param>
public sealed record CheckpointedPass(float Loss, int LayerForwards, long PeakActivationElements);

/// <summary>Gradient checkpointing (rematerialization, Chen et al., 2016) for a chain of layers: the forward pass keeps only the
/// outputs of segment boundaries; the backward pass recomputes each segment with autograd on and chains the gradients
/// segment by segment with <c>backward(grad)</c>.</summary>
/// <remarks>With n layers in k segments the pass holds about k boundary activations plus the n/k activations of one segment,
/// least at k ≈ √n, for the price of one extra forward pass. Activations are counted as layer outputs, one per layer.</remarks>
public static class GradientCheckpointing
{
    /// <summary>Runs <paramref name="layers"/> on <paramref name="input"/> in <paramref name="segments"/> contiguous segments, applies
    /// <paramref name="loss"/> to the last output and accumulates the gradients into the layers' parameters (1 segment = plain backprop).</summary>
    public static CheckpointedPass ForwardBackward(IReadOnlyList<nn.Module<Tensor, Tensor>> layers, Tensor input, Func<Tensor, Tensor> loss, int segments)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(loss);
        Guard.NotEmpty(layers.Count, nameof(layers));
        if (segments < 1 || segments > layers.Count)
            throw new ArgumentException($"segments must be between 1 and the number of layers ({layers.Count}); got {segments}.", nameof(segments));
        var bounds = SegmentBounds(layers.Count, segments);
        int forwards = 0;

        // Forward without autograd, keeping only each segment's output (the next segment's input).
        var boundaries = new Tensor[segments];            // boundaries[s] = input of segment s
        boundaries[0] = input;
        var boundaryElements = new long[segments];
        using (torch.no_grad())
            for (var s = 0; s < segments - 1; s++)
            {
                var x = boundaries[s];
                for (var l = bounds[s]; l < bounds[s + 1]; l++)
                {
                    var y = layers[l].forward(x);
                    if (l > bounds[s]) x.Dispose();
                    x = y;
                    forwards++;
                }
                boundaries[s + 1] = x;
                boundaryElements[s + 1] = x.numel();
            }

        // Backward: recompute segment s from its stored input with autograd on, then push the incoming gradient through it.
        long peak = 0;
        float lossValue = 0;
        Tensor? gradient = null;
        for (var s = segments - 1; s >= 0; s--)
        {
            using var scope = torch.NewDisposeScope();
            var segmentInput = s == 0 ? boundaries[0] : boundaries[s].detach().requires_grad_(true);
            var x = segmentInput;
            long held = boundaryElements.Take(s + 1).Sum();
            for (var l = bounds[s]; l < bounds[s + 1]; l++)
            {
                x = layers[l].forward(x);
                held += x.numel();
                forwards++;
            }
            peak = Math.Max(peak, held);
            if (gradient is null)
            {
                var value = loss(x);
                lossValue = value.item<float>();
                value.backward();
            }
            else
            {
                x.backward([gradient]);
                gradient.Dispose();
            }
            gradient = s > 0 ? segmentInput.grad!.detach().clone().MoveToOuterDisposeScope() : null;
            if (s > 0) boundaries[s].Dispose();
        }
        return new CheckpointedPass(lossValue, forwards, peak);
    }

    /// <summary>Start index of each of <paramref name="segments"/> near-equal contiguous segments of <paramref name="layers"/> layers,
    /// followed by <paramref name="layers"/> (the first layers % segments segments are one layer longer).</summary>
    public static int[] SegmentBounds(int layers, int segments)
    {
        Guard.AtLeast(layers, 1, nameof(layers));
        if (segments < 1 || segments > layers)
            throw new ArgumentException($"segments must be between 1 and layers ({layers}); got {segments}.", nameof(segments));
        var bounds = new int[segments + 1];
        for (var s = 0; s < segments; s++) bounds[s + 1] = bounds[s] + layers / segments + (s < layers % segments ? 1 : 0);
        return bounds;
    }
}
