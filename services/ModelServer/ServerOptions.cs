using System.Globalization;

namespace ModelServer;

/// <summary>The server's settings, bound from the command line (<c>--name value</c>) or any other configuration source.</summary>
public sealed record ServerOptions
{
    /// <summary>The model registry folder (<c>--model</c>, required).</summary>
    public required string Model { get; init; }

    /// <summary>The version to serve first (<c>--version vN</c>); default: the registry's production version, else its newest.</summary>
    public string? Version { get; init; }

    /// <summary>Largest accepted request body in bytes (<c>--max-body-bytes</c>, default 1 MiB); larger bodies get 413.</summary>
    public long MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>Most open connections (<c>--max-connections</c>, default 1000); Kestrel refuses further ones.</summary>
    public long MaxConnections { get; init; } = 1000;

    /// <summary>Dynamic batching: most rows per model call (<c>--batch-max</c>; 0, the default, turns batching off).</summary>
    public int BatchMax { get; init; }

    /// <summary>Dynamic batching: longest wait in milliseconds for a batch to fill (<c>--batch-wait-ms</c>, default 2).</summary>
    public double BatchWaitMs { get; init; } = 2;

    /// <summary>Exit when the process with this id exits (<c>--parent-pid</c>; 0: no watch).</summary>
    public int ParentPid { get; init; }

    /// <summary>JSON-lines file for shadow comparisons (<c>--shadow-log</c>).</summary>
    public string? ShadowLog { get; init; }

    /// <summary>JSON-lines file with one line per /predict request (<c>--request-log</c>).</summary>
    public string? RequestLog { get; init; }

    /// <summary>Seed of the canary router's random choice (<c>--canary-seed</c>, default 0).</summary>
    public int CanarySeed { get; init; }

    /// <summary>Canary rollback: the challenger's last N requests are judged (<c>--canary-window</c>, default 100).</summary>
    public int CanaryWindow { get; init; } = 100;

    /// <summary>Canary rollback: judged only after this many challenger requests in the window (<c>--canary-min-requests</c>, default 20).</summary>
    public int CanaryMinRequests { get; init; } = 20;

    /// <summary>Canary rollback: error share in the window above which the canary ends (<c>--canary-max-error-rate</c>, default 0.05).</summary>
    public double CanaryMaxErrorRate { get; init; } = 0.05;

    /// <summary>Canary rollback: p95 latency (ms) in the window above which the canary ends (<c>--canary-max-p95-ms</c>; 0, the default, turns it off).</summary>
    public double CanaryMaxP95Ms { get; init; }

    /// <summary>Reads the options from <paramref name="configuration"/>; ArgumentException naming the option on a bad value.</summary>
    public static ServerOptions From(IConfiguration configuration)
    {
        string? model = configuration["model"];
        if (string.IsNullOrWhiteSpace(model)) throw new ArgumentException("--model PATH is required: a model registry folder (see README.md, \"The model server\").", "model");
        if (!Directory.Exists(model)) throw new ArgumentException($"--model must be an existing model registry folder; got \"{model}\".", "model");
        var options = new ServerOptions
        {
            Model = Path.GetFullPath(model),
            Version = configuration["version"],
            MaxBodyBytes = Read(configuration, "max-body-bytes", 1L << 20, v => v >= 1024, "at least 1024"),
            MaxConnections = Read(configuration, "max-connections", 1000L, v => v >= 1, "at least 1"),
            BatchMax = Read(configuration, "batch-max", 0, v => v >= 0, "0 (off) or a positive row count"),
            BatchWaitMs = Read(configuration, "batch-wait-ms", 2.0, v => v >= 0 && v <= 1000, "between 0 and 1000"),
            ParentPid = Read(configuration, "parent-pid", 0, v => v >= 0, "a process id"),
            ShadowLog = configuration["shadow-log"],
            RequestLog = configuration["request-log"],
            CanarySeed = Read(configuration, "canary-seed", 0, _ => true, "an integer"),
            CanaryWindow = Read(configuration, "canary-window", 100, v => v >= 1, "at least 1"),
            CanaryMinRequests = Read(configuration, "canary-min-requests", 20, v => v >= 1, "at least 1"),
            CanaryMaxErrorRate = Read(configuration, "canary-max-error-rate", 0.05, v => v >= 0 && v <= 1, "between 0 and 1"),
            CanaryMaxP95Ms = Read(configuration, "canary-max-p95-ms", 0.0, v => v >= 0, "0 (off) or a positive number of milliseconds"),
        };
        return options;
    }

    private static T Read<T>(IConfiguration configuration, string key, T fallback, Func<T, bool> valid, string rule) where T : IParsable<T>
    {
        string? text = configuration[key];
        if (text is null) return fallback;
        if (!T.TryParse(text, CultureInfo.InvariantCulture, out var value) || !valid(value))
            throw new ArgumentException($"--{key} must be {rule}; got \"{text}\".", key);
        return value;
    }
}
