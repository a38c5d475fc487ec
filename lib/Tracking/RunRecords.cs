namespace MLPrimer.Tracking;

/// <summary>How a run ended (or that it has not yet).</summary>
public enum RunStatus
{
    /// <summary>Started and not yet ended.</summary>
    Running,
    /// <summary>Ended normally.</summary>
    Finished,
    /// <summary>Ended by an error or an interruption.</summary>
    Failed,
}

/// <summary>One value of a metric: the training step it belongs to and the value.</summary>
public readonly record struct MetricPoint(long Step, double Value);

/// <summary>A data file a run read, identified by its SHA-256.</summary>
public sealed record DataVersion(string Path, string Sha256, long Bytes);

/// <summary>A file stored with a run, under the tracker's artifacts folder.</summary>
public sealed record ArtifactInfo(string Name, string Path, string Sha256, long Bytes);

/// <summary>Everything recorded about a run except its metric series (see <see cref="ExperimentTracker.Metric"/>).</summary>
public sealed record RunInfo(
    long Id,
    string Experiment,
    string Name,
    RunStatus Status,
    DateTime StartedUtc,
    DateTime? EndedUtc,
    CodeVersion Code,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyList<DataVersion> Data,
    IReadOnlyList<ArtifactInfo> Artifacts)
{
    /// <summary>E.g. "run 3 lr=0.1 (lm, Finished)".</summary>
    public override string ToString() => $"run {Id} {Name} ({Experiment}, {Status})";
}
