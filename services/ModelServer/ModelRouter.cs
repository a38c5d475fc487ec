using System.Collections.Concurrent;
using System.Threading.Channels;
using MLPrimer.Serving;

namespace ModelServer;

/// <summary>Which model answers a request: the champion, a canary share, a shadow copy; hot swap, rollback and the canary rule.</summary>
public sealed class ModelRouter : IDisposable
{
    /// <summary>One routing decision: the model, the probability it had of being chosen, and whether it is the canary.</summary>
    public readonly record struct Choice(LoadedModel Model, double Propensity, bool IsCanary);

    private sealed record Canary(LoadedModel Model, double Percent);
    private sealed record ShadowCopy(long RequestId, float[][] Rows, string ChampionVersion, float[] ChampionScores);

    private readonly ModelRegistry _registry;
    private readonly ServerOptions _options;
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<LoadedModel>> _loaded = new();
    private readonly Lock _gate = new();
    private readonly List<string> _history = [];
    private readonly Random _canaryRandom;
    private readonly Queue<(bool Ok, double Ms)> _canaryWindow = new();
    private readonly Channel<ShadowCopy> _shadowQueue;
    private readonly Task _shadowPump;
    private readonly JsonLinesWriter? _shadowLog;
    private volatile LoadedModel? _champion;
    private volatile Canary? _canary;
    private volatile LoadedModel? _shadow;

    /// <summary>A router over the registry in <see cref="ServerOptions.Model"/>; call <see cref="LoadInitial"/> before serving.</summary>
    public ModelRouter(ServerOptions options, ServerMetrics metrics, ILogger<ModelRouter> logger)
    {
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _registry = new ModelRegistry(options.Model);
        _canaryRandom = new Random(options.CanarySeed);
        if (options.ShadowLog is not null) _shadowLog = new JsonLinesWriter(options.ShadowLog);
        _shadowQueue = Channel.CreateBounded<ShadowCopy>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite },
            _ => metrics.ShadowDropped.Inc());
        _shadowPump = Task.Run(ShadowLoopAsync);
    }

    /// <summary>The champion, or null before the first model loaded.</summary>
    public LoadedModel? Champion => _champion;

    /// <summary>Versions served as champion, oldest first (rollback pops the last).</summary>
    public IReadOnlyList<string> History { get { lock (_gate) return _history.ToArray(); } }

    /// <summary>The canary's version and percent, or null.</summary>
    public (string Version, double Percent)? CanaryState => _canary is { } c ? (c.Model.Version, c.Percent) : null;

    /// <summary>The shadow's version, or null.</summary>
    public string? ShadowVersion => _shadow?.Version;

    /// <summary>Every complete version in the registry.</summary>
    public IReadOnlyList<string> Registered => _registry.Versions().Select(v => v.Label).ToArray();

    /// <summary>Loads the first champion: <c>--version</c>, else the registry's production version, else its newest.</summary>
    public void LoadInitial()
    {
        var version = _options.Version is { } label ? Find(label)
            : _registry.Production ?? _registry.Versions().LastOrDefault()
              ?? throw new InvalidOperationException($"the registry {_registry.Root} holds no complete model version.");
        Promote(version);
    }

    /// <summary>Makes <paramref name="label"/> (or, when null, the newest registered version) the champion; returns (new, previous).</summary>
    public (string Version, string? Previous) Reload(string? label)
    {
        var version = label is null ? _registry.Versions().LastOrDefault() ?? throw new KeyNotFoundException("the registry holds no complete model version.") : Find(label);
        var previous = _champion?.Version;
        Promote(version);
        return (version.Label, previous);
    }

    /// <summary>Returns to the champion before the current one; InvalidOperationException when there is none.</summary>
    public (string Version, string Previous) Rollback()
    {
        lock (_gate)
        {
            if (_history.Count < 2) throw new InvalidOperationException("there is no earlier version to roll back to.");
            string current = _history[^1];
            _history.RemoveAt(_history.Count - 1);
            Swap(Get(_history[^1]));
            _logger.LogInformation("Rolled back from {Previous} to {Version}", current, _history[^1]);
            return (_history[^1], current);
        }
    }

    /// <summary>Sends <paramref name="percent"/>% of requests to <paramref name="label"/> (0 ends the canary).</summary>
    public void SetCanary(string? label, double percent)
    {
        if (double.IsNaN(percent) || percent < 0 || percent > 100) throw new ArgumentException($"percent must be between 0 and 100; got {percent}.", nameof(percent));
        if (_canary is { } old) _metrics.CanaryPercent.WithLabels(old.Model.Version).Set(0);
        if (percent == 0 || label is null) { _canary = null; _logger.LogInformation("Canary ended"); return; }
        var model = Get(Find(label).Label);
        lock (_canaryWindow) _canaryWindow.Clear();
        _canary = new Canary(model, percent);
        _metrics.CanaryPercent.WithLabels(model.Version).Set(percent);
        _logger.LogInformation("Canary {Version} at {Percent}%", model.Version, percent);
    }

    /// <summary>Copies every request to <paramref name="label"/> off the hot path (null ends shadowing).</summary>
    public void SetShadow(string? label)
    {
        _shadow = label is null ? null : Get(Find(label).Label);
        _logger.LogInformation("Shadow {Version}", _shadow?.Version ?? "off");
    }

    /// <summary>Picks the model for one request (seeded random canary split); Propensity is the chance of that pick.</summary>
    public Choice Choose()
    {
        var c = _canary;
        var champ = _champion!;
        if (c is null) return new Choice(champ, 1.0, false);
        double p = c.Percent / 100.0;
        double u;
        lock (_canaryRandom) u = _canaryRandom.NextDouble();
        return u < p ? new Choice(c.Model, p, true) : new Choice(champ, 1 - p, false);
    }

    /// <summary>Feeds one canary outcome to the rollback rule: error share or p95 latency over the window above the limits ends the canary.</summary>
    public void RecordCanary(string version, bool ok, double ms)
    {
        string? reason = null;
        lock (_canaryWindow)
        {
            if (_canary?.Model.Version != version) return;
            _canaryWindow.Enqueue((ok, ms));
            while (_canaryWindow.Count > _options.CanaryWindow) _canaryWindow.Dequeue();
            if (_canaryWindow.Count < _options.CanaryMinRequests) return;
            double errorRate = _canaryWindow.Count(o => !o.Ok) / (double)_canaryWindow.Count;
            if (errorRate > _options.CanaryMaxErrorRate) reason = "error_rate";
            else if (_options.CanaryMaxP95Ms > 0 && LatencySummary.Percentile(_canaryWindow.Select(o => o.Ms).ToArray(), 95) > _options.CanaryMaxP95Ms) reason = "latency";
            if (reason is null) return;
            _canaryWindow.Clear();
            _canary = null;
        }
        _metrics.CanaryPercent.WithLabels(version).Set(0);
        _metrics.CanaryRollbacks.WithLabels(version, reason).Inc();
        _logger.LogWarning("Canary {Version} rolled back automatically: {Reason} over its last requests", version, reason);
    }

    /// <summary>Queues a copy of an answered request for the shadow model; never blocks (a full queue drops the copy and counts it).</summary>
    public void Shadow(long requestId, float[][] rows, string championVersion, float[] championScores)
    {
        if (_shadow is { } s && s.Version != championVersion) _shadowQueue.Writer.TryWrite(new ShadowCopy(requestId, rows, championVersion, championScores));
    }

    private async Task ShadowLoopAsync()
    {
        await foreach (var copy in _shadowQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var s = _shadow;
            if (s is null) continue;
            try
            {
                var scores = await s.ScoreAsync(copy.Rows).ConfigureAwait(false);
                int[] champ = copy.ChampionScores.Select(Label).ToArray(), challenger = scores.Select(Label).ToArray();
                int disagree = champ.Zip(challenger).Count(p => p.First != p.Second);
                _metrics.ShadowRequests.WithLabels(s.Version).Inc();
                if (disagree > 0) _metrics.ShadowDisagreements.WithLabels(s.Version).Inc(disagree);
                _shadowLog?.Write(new
                {
                    RequestId = copy.RequestId, ChampionVersion = copy.ChampionVersion, ChallengerVersion = s.Version,
                    Champion = champ, Challenger = challenger, ChampionScores = copy.ChampionScores, ChallengerScores = scores,
                });
            }
            catch (Exception ex)
            {
                _metrics.ModelErrors.WithLabels(s.Version).Inc();
                _logger.LogError(ex, "Shadow model {Version} failed on request {RequestId}", s.Version, copy.RequestId);
            }
        }
    }

    /// <summary>The label the server returns for a score: 1 when the positive-class probability is above 0.5.</summary>
    public static int Label(float score) => score > 0.5f ? 1 : 0;

    private void Promote(ModelVersion version)
    {
        var model = Get(version.Label);           // load before taking the lock: requests keep flowing on the old champion
        lock (_gate)
        {
            if (_history.Count == 0 || _history[^1] != version.Label) _history.Add(version.Label);
            Swap(model);
        }
        _logger.LogInformation("Serving {Version} ({Runtime})", model.Version, model.Model.Runtime);
    }

    private void Swap(LoadedModel model)
    {
        var old = _champion;
        _champion = model;                         // one reference write: each request reads it once
        if (old is not null && old != model) _metrics.ModelInfo.RemoveLabelled(old.Version);
        _metrics.ModelInfo.WithLabels(model.Version).Set(1);
    }

    private LoadedModel Get(string label)
    {
        var lazy = _loaded.GetOrAdd(label, l => new Lazy<LoadedModel>(() =>
            new LoadedModel(ServedModel.Load(_registry, Find(l)), _metrics, _options.BatchMax, _options.BatchWaitMs)));
        try { return lazy.Value; }
        catch { _loaded.TryRemove(label, out _); throw; }        // a failed load is retried next time, not cached
    }

    private ModelVersion Find(string label)
    {
        string digits = label.StartsWith('v') || label.StartsWith('V') ? label[1..] : label;
        if (!int.TryParse(digits, out int number) || number <= 0) throw new KeyNotFoundException($"\"{label}\" is not a version label like \"v2\".");
        try { return _registry.Get(number); }
        catch (ArgumentException) { throw new KeyNotFoundException($"version v{number} is not registered."); }
    }

    /// <summary>Finishes the shadow queue, flushes the shadow log and stops the batchers.</summary>
    public void Dispose()
    {
        _shadowQueue.Writer.TryComplete();
        _shadowPump.GetAwaiter().GetResult();
        _shadowLog?.Dispose();
        foreach (var model in _loaded.Values.Where(l => l.IsValueCreated)) model.Value.Dispose();
    }
}
