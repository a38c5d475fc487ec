using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Architectures;

/// <summary>A batch: named tensors with the same first dimension (e.g. "user", "item", "dense", "click").</summary>
public sealed class Batch(IReadOnlyDictionary<string, Tensor> tensors)
{
    /// <summary>The tensor named <paramref name="name"/>.</summary>
    public Tensor this[string name] => tensors.TryGetValue(name, out var t) ? t
        : throw new KeyNotFoundException($"The batch has no tensor '{name}' (it has: {string.Join(", ", tensors.Keys)}).");

    /// <summary>Number of rows in the batch.</summary>
    public long Size => tensors.Values.First().shape[0];
}

/// <summary>Named tensors that share their first dimension, cut into (optionally shuffled) batches — torch.utils.data.TensorDataset plus a DataLoader.</summary>
public sealed class NamedTensorDataset
{
    private readonly Dictionary<string, Tensor> _tensors;

    /// <summary>Wraps the tensors; all must have the same, non-zero first dimension.</summary>
    public NamedTensorDataset(IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("tensors must hold at least one tensor.", nameof(tensors));
        var counts = tensors.Select(kv => (kv.Key, Rows: kv.Value.dim() == 0 ? 0 : kv.Value.shape[0])).ToList();
        if (counts.Any(c => c.Rows != counts[0].Rows) || counts[0].Rows == 0)
            throw new ArgumentException($"tensors must share a non-zero first dimension (got {string.Join(", ", counts.Select(c => $"{c.Key}: {c.Rows}"))}).", nameof(tensors));
        _tensors = tensors.ToDictionary(kv => kv.Key, kv => kv.Value);
        Count = counts[0].Rows;
    }

    /// <summary>Number of rows.</summary>
    public long Count { get; }

    /// <summary>The whole dataset as one batch.</summary>
    public Batch All => new(_tensors);

    /// <summary>Batches of <paramref name="batchSize"/> rows (the last may be smaller), moved to <paramref name="device"/>;
    /// shuffled with <paramref name="generator"/> when <paramref name="shuffle"/> is true.</summary>
    public IEnumerable<Batch> Batches(int batchSize, bool shuffle = false, Generator? generator = null, torch.Device? device = null)
    {
        Guard.AtLeast(batchSize, 1, nameof(batchSize));
        return Iterate(batchSize, shuffle, generator, device);
    }

    private IEnumerable<Batch> Iterate(int batchSize, bool shuffle, Generator? generator, torch.Device? device)
    {
        var order = shuffle ? randperm(Count, generator: generator) : arange(Count);
        for (long start = 0; start < Count; start += batchSize)
        {
            var idx = order.narrow(0, start, Math.Min(batchSize, Count - start));
            yield return new Batch(_tensors.ToDictionary(kv => kv.Key,
                kv => device is null ? kv.Value.index_select(0, idx) : kv.Value.index_select(0, idx).to(device)));
        }
    }
}
