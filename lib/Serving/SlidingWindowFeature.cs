namespace MLPrimer.Serving;

/// <summary>One event of a stream or one row of an event table: whose it is, when it happened, and its value.</summary>
public readonly record struct WindowEvent(string Key, long Time, double Value);

/// <summary>The feature of one event: how many earlier events of its key are in the window (at most W), and their mean (NaN when none).</summary>
public readonly record struct WindowStats(int Count, double Mean);

/// <summary>
/// "Count and mean of a key's previous W events" computed two ways from one definition: over a whole table (batch, for training)
/// and one event at a time (streaming, for serving). Both add the window's values oldest first, so they agree bit for bit.
/// </summary>
public sealed class SlidingWindowFeature
{
    private readonly Dictionary<string, Queue<double>> _recent = new();
    private readonly Dictionary<string, long> _lastTime = new();

    /// <summary>Creates a streaming feature over the previous <paramref name="window"/> events of each key.</summary>
    public SlidingWindowFeature(int window)
    {
        if (window <= 0) throw new ArgumentException($"window must be positive; got {window}.", nameof(window));
        Window = window;
    }

    /// <summary>The number of previous events the feature looks at.</summary>
    public int Window { get; }

    /// <summary>Number of keys seen so far (the size of the online state).</summary>
    public int KeyCount => _recent.Count;

    /// <summary>Returns the feature of <paramref name="e"/> (from the events before it), then remembers it; events of a key must arrive in time order.</summary>
    public WindowStats Update(WindowEvent e)
    {
        ArgumentNullException.ThrowIfNull(e.Key, nameof(e));
        if (_lastTime.TryGetValue(e.Key, out var last) && e.Time < last)
            throw new ArgumentException($"events of key '{e.Key}' must arrive in time order ({e.Time} after {last}).", nameof(e));
        _lastTime[e.Key] = e.Time;
        if (!_recent.TryGetValue(e.Key, out var queue)) _recent[e.Key] = queue = new Queue<double>(Window);
        var stats = Stats(queue);
        if (queue.Count == Window) queue.Dequeue();
        queue.Enqueue(e.Value);
        return stats;
    }

    /// <summary>The feature of every row of <paramref name="events"/> (any row order; within a key, time then row order), aligned with the input.</summary>
    public static WindowStats[] ComputeBatch(IReadOnlyList<WindowEvent> events, int window)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (window <= 0) throw new ArgumentException($"window must be positive; got {window}.", nameof(window));
        var result = new WindowStats[events.Count];
        var byKey = Enumerable.Range(0, events.Count).GroupBy(i => events[i].Key ?? throw new ArgumentException($"row {i} has no key.", nameof(events)));
        foreach (var group in byKey)
        {
            int[] rows = group.OrderBy(i => events[i].Time).ThenBy(i => i).ToArray();
            for (int k = 0; k < rows.Length; k++)
            {
                int from = Math.Max(0, k - window);
                result[rows[k]] = Stats(rows[from..k].Select(i => events[i].Value));
            }
        }
        return result;
    }

    private static WindowStats Stats(IEnumerable<double> values)
    {
        int count = 0;
        double sum = 0;
        foreach (var v in values) { sum += v; count++; }
        return new WindowStats(count, count == 0 ? double.NaN : sum / count);
    }
}
