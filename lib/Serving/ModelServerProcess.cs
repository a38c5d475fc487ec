using System.Text.RegularExpressions;
using MLPrimer.Data;
using MLPrimer.Processes;

namespace MLPrimer.Serving;

/// <summary>
/// Starts <c>services/ModelServer</c> (built by <c>scripts/setup.sh</c>) as a separate process on a port the OS picks, waits until
/// its <c>/ready</c> answers, and stops it on <see cref="Dispose"/> (SIGTERM, so in-flight requests drain; then the whole process
/// tree is killed if it is still there). The server also watches this process and exits when it dies, so a crashed kernel
/// leaves nothing running.
/// </summary>
public sealed partial class ModelServerProcess : IDisposable
{
    /// <summary>The environment variable that overrides where the server's dll is found.</summary>
    public const string DllVariable = "MLPRIMER_MODELSERVER_DLL";

    private readonly ChildProcess _process;
    private int _disposed;

    private ModelServerProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = LoadGenerator.CreateClient();
        Client.BaseAddress = baseAddress;
        process.Owner = this;
    }

    /// <summary>The server's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>An HttpClient whose BaseAddress is the server (relative URIs such as "predict" work).</summary>
    public HttpClient Client { get; }

    /// <summary>The server's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the server process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server printed (stdout and stderr), newest last.</summary>
    public IReadOnlyList<string> RecentOutput => _process.Lines;

    /// <summary>The path of the built server dll: <see cref="DllVariable"/> when set, else <c>services/ModelServer/bin/Release/net10.0/ModelServer.dll</c> in the repository.</summary>
    public static string ServerDll()
    {
        if (Environment.GetEnvironmentVariable(DllVariable) is { Length: > 0 } fromEnv) return fromEnv;
        string? root = RepositoryRoot.FindAbove(Environment.CurrentDirectory) ?? RepositoryRoot.FindAbove(AppContext.BaseDirectory);
        if (root is null) throw new InvalidOperationException($"the repository root was not found above {Environment.CurrentDirectory}; set {DllVariable} to the ModelServer.dll path.");
        return Path.Combine(root, "services", "ModelServer", "bin", "Release", "net10.0", "ModelServer.dll");
    }

    /// <summary>
    /// Starts the server on <paramref name="modelPath"/> (a <see cref="ModelRegistry"/> folder) with <c>--urls http://127.0.0.1:0</c>
    /// and <paramref name="extraArgs"/> (e.g. "--batch-max", "64"); returns once <c>/ready</c> answers 200.
    /// </summary>
    public static ModelServerProcess Start(string modelPath, params string[] extraArgs)
    {
        if (string.IsNullOrWhiteSpace(modelPath)) throw new ArgumentException("modelPath must be a model registry folder.", nameof(modelPath));
        ArgumentNullException.ThrowIfNull(extraArgs);
        string dll = ServerDll();
        if (!File.Exists(dll)) throw new FileNotFoundException($"the model server is not built: {dll} is missing. Run 'bash scripts/setup.sh' (it builds services/ModelServer).", dll);
        // Port 0: the server binds a port the OS picks and prints where it listens, so no other program can take it first.
        List<string> arguments = ["exec", dll, "--model", Path.GetFullPath(modelPath), "--parent-pid", Environment.ProcessId.ToString()];
        if (!extraArgs.Contains("--urls")) arguments.AddRange(["--urls", "http://127.0.0.1:0"]);
        arguments.AddRange(extraArgs);
        var process = ChildProcess.Start(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet",
            arguments, maxLines: 200, redirectInput: false);
        ModelServerProcess? server = null;
        try
        {
            var line = process.WaitForLine(l => ListeningLine().IsMatch(l), TimeSpan.FromSeconds(90));
            server = new ModelServerProcess(process, new Uri(ListeningLine().Match(line).Groups[1].Value.TrimEnd('/') + "/"));
            server.WaitUntilReady(TimeSpan.FromSeconds(90));
            return server;
        }
        catch (Exception ex)
        {
            process.Kill();
            string output = process.Output;
            server?.Dispose();
            process.Dispose();
            throw new InvalidOperationException($"the model server did not start ({ex.Message.Split('\n')[0]}). Its output:\n{output}", ex);
        }
    }

    private void WaitUntilReady(TimeSpan timeout) => _process.WaitUntil(() =>
    {
        try
        {
            using var response = Client.GetAsync("ready").GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
    }, timeout, "answer 200 on /ready", TimeSpan.FromMilliseconds(50));

    [GeneratedRegex(@"ModelServer listening on (http://\S+)")]
    private static partial Regex ListeningLine();

    /// <summary>Asks the server to stop (SIGTERM: it stops accepting, finishes in-flight requests, flushes its logs), waits up to <paramref name="timeout"/>, then kills the process tree. Returns the exit code.</summary>
    public int Stop(TimeSpan timeout) => _process.Stop(timeout);

    /// <summary>Freezes the server for <paramref name="duration"/> (SIGSTOP, then SIGCONT; Linux only), as a long garbage-collection pause or a stalled VM would.</summary>
    public void Pause(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero || duration > TimeSpan.FromSeconds(30)) throw new ArgumentException($"duration must be between 0 and 30 s; got {duration}.", nameof(duration));
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Pause uses Linux's signal numbers (SIGSTOP 19, SIGCONT 18).");
        _process.Signal(19);        // SIGSTOP
        try { Thread.Sleep(duration); }
        finally { _process.Signal(18); }   // SIGCONT
    }

    /// <summary>Disposes every server this process started and has not disposed yet (the notebook kernel calls it when it is disposed, so a failed cell leaves nothing running).</summary>
    public static void StopAll() => ChildProcess.DisposeOwners<ModelServerProcess>();

    /// <summary>Stops the server gracefully (up to 15 s), then kills what is left; safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Stop(TimeSpan.FromSeconds(15));
        Client.Dispose();
        _process.Dispose();
    }
}
