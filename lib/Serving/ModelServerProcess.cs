using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using MLPrimer.Data;

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

    private static readonly ConcurrentDictionary<ModelServerProcess, byte> Live = new();
    private readonly Process _process;
    private readonly Queue<string> _recent = new();
    private readonly Lock _gate = new();
    private readonly EventHandler _onExit;
    private int _disposed;

    private ModelServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = LoadGenerator.CreateClient();
        Client.BaseAddress = baseAddress;
        _onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
        Live[this] = 0;
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
    public IReadOnlyList<string> RecentOutput { get { lock (_gate) return _recent.ToArray(); } }

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
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", dll, "--model", Path.GetFullPath(modelPath), "--parent-pid", Environment.ProcessId.ToString() }) psi.ArgumentList.Add(a);
        if (!extraArgs.Contains("--urls")) { psi.ArgumentList.Add("--urls"); psi.ArgumentList.Add("http://127.0.0.1:0"); }
        foreach (var a in extraArgs) psi.ArgumentList.Add(a);

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        ModelServerProcess? server = null;
        var early = new Queue<string>();
        void OnLine(string? line)
        {
            if (line is null) return;
            if (server is not null) server.Remember(line);
            else lock (early) { early.Enqueue(line); if (early.Count > 200) early.Dequeue(); }
            if (ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value.TrimEnd('/') + "/"));
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the model server exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (!listening.Task.Wait(TimeSpan.FromSeconds(90))) throw new TimeoutException("the model server did not report its address within 90 s.");
            server = new ModelServerProcess(process, listening.Task.Result);
            lock (early) foreach (var line in early) server.Remember(line);
            server.WaitUntilReady(TimeSpan.FromSeconds(90));
            return server;
        }
        catch (Exception ex)
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); process.WaitForExit(5000); } catch (InvalidOperationException) { }
            string output;
            lock (early) output = string.Join("\n", server?.RecentOutput ?? early.ToArray());
            server?.Dispose();
            process.Dispose();
            throw new InvalidOperationException($"the model server did not start ({(ex is AggregateException a ? a.InnerException?.Message : ex.Message)}). Its output:\n{output}", ex);
        }
    }

    private void WaitUntilReady(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the model server exited with code {_process.ExitCode}.");
            try
            {
                using var response = Client.GetAsync("ready").GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            if (clock.Elapsed > timeout) throw new TimeoutException($"/ready did not answer 200 within {timeout.TotalSeconds:F0} s.");
            Thread.Sleep(50);
        }
    }

    private void Remember(string line)
    {
        lock (_gate)
        {
            _recent.Enqueue(line);
            if (_recent.Count > 200) _recent.Dequeue();
        }
    }

    [GeneratedRegex(@"ModelServer listening on (http://\S+)")]
    private static partial Regex ListeningLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Asks the server to stop (SIGTERM: it stops accepting, finishes in-flight requests, flushes its logs), waits up to <paramref name="timeout"/>, then kills the process tree. Returns the exit code.</summary>
    public int Stop(TimeSpan timeout)
    {
        try
        {
            if (!_process.HasExited)
            {
                if (!OperatingSystem.IsWindows()) SendSignal(_process.Id, 15);
                if (OperatingSystem.IsWindows() || !_process.WaitForExit((int)timeout.TotalMilliseconds)) _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit();
            return _process.ExitCode;
        }
        catch (InvalidOperationException) { return -1; }
    }

    /// <summary>Freezes the server for <paramref name="duration"/> (SIGSTOP, then SIGCONT; Linux only), as a long garbage-collection pause or a stalled VM would.</summary>
    public void Pause(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero || duration > TimeSpan.FromSeconds(30)) throw new ArgumentException($"duration must be between 0 and 30 s; got {duration}.", nameof(duration));
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Pause uses Linux's signal numbers (SIGSTOP 19, SIGCONT 18).");
        SendSignal(_process.Id, 19);        // SIGSTOP
        try { Thread.Sleep(duration); }
        finally { SendSignal(_process.Id, 18); }   // SIGCONT
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    /// <summary>Disposes every server this process started and has not disposed yet (the notebook kernel calls it when it is disposed, so a failed cell leaves nothing running).</summary>
    public static void StopAll()
    {
        foreach (var server in Live.Keys) server.Dispose();
    }

    /// <summary>Stops the server gracefully (up to 15 s), then kills what is left; safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Live.TryRemove(this, out _);
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Stop(TimeSpan.FromSeconds(15));
        Client.Dispose();
        _process.Dispose();
    }
}
