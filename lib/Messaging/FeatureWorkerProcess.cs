using MLPrimer.Data;
using MLPrimer.Processes;

namespace MLPrimer.Messaging;

/// <summary>
/// The feature worker (<c>services/FeatureWorker</c>) as a separate operating-system process: a consumer of a Redis
/// stream's consumer group that updates a <see cref="UserFeatureStore"/>. It can be killed outright (SIGKILL) to
/// show what a broker does with the events a dead consumer held. It exits by itself when this process is gone.
/// </summary>
public sealed class FeatureWorkerProcess : IDisposable
{
    private readonly ChildProcess _child;

    private FeatureWorkerProcess(ChildProcess child, string consumer)
    {
        _child = child;
        Consumer = consumer;
        child.Owner = this;
    }

    /// <summary>The consumer name the worker uses in its group.</summary>
    public string Consumer { get; }

    /// <summary>The worker's operating-system process id.</summary>
    public int ProcessId => _child.Id;

    /// <summary>True once the process has exited (or was killed).</summary>
    public bool HasExited => _child.HasExited;

    /// <summary>The lines the worker printed so far (ready, read, applied/duplicate, stalled, idle).</summary>
    public IReadOnlyList<string> Lines => _child.Lines;

    /// <summary>
    /// Starts the worker as consumer <paramref name="consumer"/> of <paramref name="group"/> on <paramref name="stream"/> at the Redis
    /// server <paramref name="redisConfiguration"/>, writing to the SQLite file <paramref name="databasePath"/>. With
    /// <paramref name="stallAfter"/> &gt; 0 it stops for good after committing that many events, before acknowledging the last.
    /// Returns once the worker is connected and ready.
    /// </summary>
    public static FeatureWorkerProcess Start(string redisConfiguration, string stream, string group, string consumer, string databasePath,
        bool idempotent = true, int stallAfter = 0, int exitWhenIdleMs = 2000)
    {
        foreach (var (value, name) in new[] { (redisConfiguration, nameof(redisConfiguration)), (stream, nameof(stream)), (group, nameof(group)), (consumer, nameof(consumer)), (databasePath, nameof(databasePath)) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must be non-empty.", name);
        if (stallAfter < 0) throw new ArgumentException($"stallAfter must be 0 (never stall) or a positive event count; got {stallAfter}.", nameof(stallAfter));
        if (exitWhenIdleMs <= 0) throw new ArgumentException($"exitWhenIdleMs must be positive; got {exitWhenIdleMs}.", nameof(exitWhenIdleMs));
        var dll = WorkerDll();
        List<string> arguments = ["exec", dll, "--redis", redisConfiguration, "--stream", stream, "--group", group, "--consumer", consumer,
            "--db", Path.GetFullPath(databasePath), "--stall-after", stallAfter.ToString(), "--exit-when-idle-ms", exitWhenIdleMs.ToString(),
            "--parent-pid", Environment.ProcessId.ToString()];
        if (!idempotent) arguments.Add("--naive");
        var child = ChildProcess.Start(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments);
        try
        {
            child.WaitForLine(l => l.StartsWith("ready:"), TimeSpan.FromSeconds(60));
        }
        catch
        {
            child.Dispose();
            throw;
        }
        return new FeatureWorkerProcess(child, consumer);
    }

    /// <summary>Waits up to <paramref name="timeoutSeconds"/> for a printed line that starts with <paramref name="prefix"/> and returns it.</summary>
    public string WaitForLine(string prefix, int timeoutSeconds = 60)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (timeoutSeconds <= 0) throw new ArgumentException($"timeoutSeconds must be positive; got {timeoutSeconds}.", nameof(timeoutSeconds));
        return _child.WaitForLine(l => l.StartsWith(prefix, StringComparison.Ordinal), TimeSpan.FromSeconds(timeoutSeconds));
    }

    /// <summary>Kills the worker at once (SIGKILL: no cleanup, no acknowledgement) and waits until it is gone.</summary>
    public void Kill() => _child.Kill();

    /// <summary>Waits up to <paramref name="timeoutSeconds"/> for the worker to exit on its own; true when it did.</summary>
    public bool WaitForExit(int timeoutSeconds = 60) => _child.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>Kills every worker this process started and has not disposed yet (the notebook kernel calls it when it is disposed).</summary>
    public static void StopAll() => ChildProcess.DisposeOwners<FeatureWorkerProcess>();

    /// <summary>Kills the worker if it is still running.</summary>
    public void Dispose() => _child.Dispose();

    private static string WorkerDll()
    {
        var root = RepositoryRoot.FindAbove(Environment.CurrentDirectory) ?? RepositoryRoot.FindAbove(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"The feature worker lives in the repository (services/FeatureWorker), but no repository root was found above {Environment.CurrentDirectory}.");
        var dll = Path.Combine(root, "services", "FeatureWorker", "bin", "Release", "net10.0", "FeatureWorker.dll");
        return File.Exists(dll) ? dll
            : throw new FileNotFoundException($"The feature worker is not built: {dll} is missing. Run scripts/setup.sh (it builds services/FeatureWorker in Release).", dll);
    }
}
