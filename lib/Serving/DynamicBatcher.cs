using System.Diagnostics;
using System.Threading.Channels;

namespace MLPrimer.Serving;

/// <summary>
/// Server-side dynamic batching: callers submit single inputs; a worker collects them until it has
/// <c>maxBatchSize</c> or the oldest has waited <c>maxWait</c>, runs the model once on the batch, and hands each caller its own output.
/// </summary>
public sealed class DynamicBatcher<TIn, TOut> : IDisposable
{
    private readonly Func<IReadOnlyList<TIn>, IReadOnlyList<TOut>> _predictBatch;
    private readonly Channel<(TIn Input, TaskCompletionSource<TOut> Result)> _queue =
        Channel.CreateUnbounded<(TIn, TaskCompletionSource<TOut>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;
    private long _batches, _items;
    private int _largest;

    /// <summary>Starts a batcher that calls <paramref name="predictBatch"/> with at most <paramref name="maxBatchSize"/> inputs, waiting at most <paramref name="maxWait"/> to fill a batch.</summary>
    public DynamicBatcher(Func<IReadOnlyList<TIn>, IReadOnlyList<TOut>> predictBatch, int maxBatchSize, TimeSpan maxWait)
    {
        ArgumentNullException.ThrowIfNull(predictBatch);
        if (maxBatchSize <= 0) throw new ArgumentException($"maxBatchSize must be positive; got {maxBatchSize}.", nameof(maxBatchSize));
        if (maxWait < TimeSpan.Zero) throw new ArgumentException($"maxWait must not be negative; got {maxWait}.", nameof(maxWait));
        _predictBatch = predictBatch;
        MaxBatchSize = maxBatchSize;
        MaxWait = maxWait;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>The largest batch the model is called with.</summary>
    public int MaxBatchSize { get; }

    /// <summary>The longest the first input of a batch waits for company.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Number of model calls so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Mean number of inputs per model call so far (0 before the first).</summary>
    public double MeanBatchSize => Batches == 0 ? 0 : (double)Interlocked.Read(ref _items) / Batches;

    /// <summary>The largest batch actually formed so far.</summary>
    public int LargestBatch => Volatile.Read(ref _largest);

    /// <summary>Queues <paramref name="input"/> and completes with the model's output for it (or the model's exception).</summary>
    public Task<TOut> SubmitAsync(TIn input)
    {
        var result = new TaskCompletionSource<TOut>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((input, result))) throw new ObjectDisposedException(nameof(DynamicBatcher<TIn, TOut>));
        return result.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<(TIn Input, TaskCompletionSource<TOut> Result)>(MaxBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (!reader.TryRead(out var first)) continue;
            batch.Add(first);
            var clock = Stopwatch.StartNew();
            while (batch.Count < MaxBatchSize)
            {
                if (reader.TryRead(out var next)) { batch.Add(next); continue; }
                var left = MaxWait - clock.Elapsed;
                if (left <= TimeSpan.Zero) break;
                // Timers tick in whole milliseconds and may fire early: round up, and on a timeout re-check the clock.
                using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)));
                try { if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false)) break; }
                catch (OperationCanceledException) { }
            }
            Run(batch);
            batch.Clear();
        }
    }

    private void Run(List<(TIn Input, TaskCompletionSource<TOut> Result)> batch)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, batch.Count);
        if (batch.Count > _largest) Volatile.Write(ref _largest, batch.Count);
        try
        {
            var outputs = _predictBatch(batch.Select(b => b.Input).ToArray());
            if (outputs is null || outputs.Count != batch.Count)
                throw new InvalidOperationException($"the batch function returned {outputs?.Count ?? 0} outputs for {batch.Count} inputs.");
            for (int i = 0; i < batch.Count; i++) batch[i].Result.SetResult(outputs[i]);
        }
        catch (Exception ex)
        {
            foreach (var b in batch) b.Result.TrySetException(ex);
        }
    }

    /// <summary>Stops accepting inputs, finishes the queued ones, and stops the worker.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _worker.GetAwaiter().GetResult();
    }
}
