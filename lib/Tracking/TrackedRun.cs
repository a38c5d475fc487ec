using System.Globalization;

namespace MLPrimer.Tracking;

/// <summary>A run in progress: log parameters, metrics per step and artifacts; dispose (or <see cref="End"/>) to close it.</summary>
public sealed class TrackedRun : IDisposable
{
    private readonly ExperimentTracker _tracker;
    private bool _ended;

    internal TrackedRun(ExperimentTracker tracker, long id, string experiment, string name)
    {
        _tracker = tracker;
        Id = id;
        Experiment = experiment;
        Name = name;
    }

    /// <summary>The run's id in the store (1, 2, ... in creation order).</summary>
    public long Id { get; }

    /// <summary>The experiment the run belongs to.</summary>
    public string Experiment { get; }

    /// <summary>The run's name.</summary>
    public string Name { get; }

    /// <summary>Records a hyperparameter (stored as invariant-culture text); logging a different value for the same key fails.</summary>
    public void LogParam(string key, object? value) => LogParams(new Dictionary<string, object?> { [key] = value });

    /// <summary>Records several hyperparameters at once.</summary>
    public void LogParams(IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ThrowIfEnded();
        foreach (var key in parameters.Keys) Key(key, nameof(parameters));
        _tracker.InsertParams(Id, parameters.Select(p => KeyValuePair.Create(p.Key, Format(p.Value))));
    }

    /// <summary>Records one value of a metric at a step (re-logging a step replaces its value).</summary>
    public void LogMetric(string key, double value, long step) => LogMetrics(new Dictionary<string, double> { [key] = value }, step);

    /// <summary>Records several metrics for the same step in one transaction.</summary>
    public void LogMetrics(IReadOnlyDictionary<string, double> values, long step)
    {
        ArgumentNullException.ThrowIfNull(values);
        ThrowIfEnded();
        if (step < 0)
            throw new ArgumentException($"step must not be negative (got {step}).", nameof(step));
        foreach (var key in values.Keys) Key(key, nameof(values));
        _tracker.InsertMetrics(Id, values, step);
    }

    /// <summary>Copies a file into the run's artifact folder (atomically) and records its hash.</summary>
    public ArtifactInfo LogArtifact(string sourcePath, string? name = null)
    {
        if (string.IsNullOrWhiteSpace(sourcePath) || !File.Exists(sourcePath))
            throw new ArgumentException($"No file at '{sourcePath}'.", nameof(sourcePath));
        ThrowIfEnded();
        name = ArtifactName(name ?? Path.GetFileName(sourcePath));
        return _tracker.InsertArtifact(Id, name, s => { using var source = File.OpenRead(sourcePath); source.CopyTo(s); });
    }

    /// <summary>Stores a text artifact (a log, a summary, a config) under <paramref name="name"/>.</summary>
    public ArtifactInfo LogText(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfEnded();
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return _tracker.InsertArtifact(Id, ArtifactName(name), s => s.Write(bytes));
    }

    /// <summary>Closes the run with a status (Finished or Failed).</summary>
    public void End(RunStatus status = RunStatus.Finished)
    {
        if (status == RunStatus.Running)
            throw new ArgumentException("A run ends as Finished or Failed.", nameof(status));
        ThrowIfEnded();
        _tracker.SetStatus(Id, status);
        _ended = true;
    }

    /// <summary>Ends the run as Finished unless it was already ended.</summary>
    public void Dispose()
    {
        if (!_ended) End(RunStatus.Finished);
    }

    private void ThrowIfEnded()
    {
        if (_ended) throw new InvalidOperationException($"Run {Id} has ended; resume it with ExperimentTracker.ResumeRun to log more.");
    }

    private static void Key(string key, string parameter)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new ArgumentException("Keys must be non-empty names.", parameter);
    }

    private static string ArtifactName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || Path.IsPathRooted(name) || name.Split('/', '\\').Any(part => part is "" or "." or "..")
            || name.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            throw new ArgumentException($"Artifact name '{name}' must be a relative path without '.' or '..' parts or NUL characters.", nameof(name));
        return name.Replace('\\', '/');
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
