using MLPrimer.Serving;

namespace ModelServer;

/// <summary>A served model plus, when batching is on, its dynamic batcher; scores rows and records batch sizes.</summary>
public sealed class LoadedModel : IDisposable
{
    private readonly DynamicBatcher<float[], float>? _batcher;
    private readonly ServerMetrics _metrics;

    /// <summary>Wraps <paramref name="model"/>; batches rows across requests when <paramref name="batchMax"/> is positive.</summary>
    public LoadedModel(IServedModel model, ServerMetrics metrics, int batchMax, double batchWaitMs)
    {
        Model = model;
        _metrics = metrics;
        if (batchMax > 0)
            _batcher = new DynamicBatcher<float[], float>(rows => Call(rows.ToArray()), batchMax, TimeSpan.FromMilliseconds(batchWaitMs));
    }

    /// <summary>The model.</summary>
    public IServedModel Model { get; }

    /// <summary>The version label.</summary>
    public string Version => Model.Version;

    /// <summary>The positive-class score of each row: one model call for the request, or each row through the batcher.</summary>
    public async Task<float[]> ScoreAsync(float[][] rows) =>
        _batcher is null ? Call(rows) : await Task.WhenAll(rows.Select(_batcher.SubmitAsync)).ConfigureAwait(false);

    private float[] Call(float[][] rows)
    {
        _metrics.BatchSize.Observe(rows.Length);
        return Model.Score(rows);
    }

    /// <summary>Finishes queued rows and stops the batcher.</summary>
    public void Dispose() => _batcher?.Dispose();
}
