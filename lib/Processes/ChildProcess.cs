using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MLPrimer.Processes;

/// <summary>
/// The one place where the library starts, watches and stops another program (redis-server, prometheus, mpiexec, the
/// model server, the feature worker): its stdout and stderr are kept line by line, it can be waited for (a printed line or a
/// readiness probe), signalled, stopped gracefully or killed with its whole tree, and it is killed when this process exits.
/// </summary>
/// <remarks>An owner (the public wrapper such as <c>RedisServerProcess</c>) registers itself, so that <see cref="DisposeOwners{T}"/>
/// stops every wrapper of one kind that is still running (the notebook kernel calls it when it is disposed). A process killed
/// outright (SIGKILL) runs no exit handler; <see cref="StartWatchdog"/> covers that for programs that do not watch their parent.</remarks>
internal sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();
    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly int _maxLines;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _lineArrived = new(0);
    private long _dropped;
    private int _disposed;

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Live.Keys)
        {
            child.Kill();
            try { child.AfterExit?.Invoke(); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    };

    private ChildProcess(Process process, int maxLines)
    {
        _process = process;
        _maxLines = maxLines;
    }

    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="arguments"/>, capturing stdout and stderr together (the last
    /// <paramref name="maxLines"/> lines are kept), with extra <paramref name="environment"/> variables.
    /// </summary>
    internal static ChildProcess Start(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, int maxLines = int.MaxValue, bool redirectInput = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        var child = new ChildProcess(new Process { StartInfo = psi, EnableRaisingEvents = true }, maxLines);
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Exited += (_, _) => child._lineArrived.Release();
        child._process.Start();
        Live[child] = 0;
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The public object that wraps this process (used by <see cref="DisposeOwners{T}"/>).</summary>
    internal IDisposable? Owner { get; set; }

    /// <summary>What to clean up (a temporary folder) when this process exits and kills the child without its owner's Dispose.</summary>
    internal Action? AfterExit { get; set; }

    internal int Id => _process.Id;

    internal bool HasExited => _process.HasExited;

    internal int ExitCode => _process.ExitCode;

    /// <summary>The program's file name, for messages.</summary>
    internal string Name => Path.GetFileName(_process.StartInfo.FileName);

    /// <summary>The lines printed so far (the last ones when more than the limit were printed).</summary>
    internal IReadOnlyList<string> Lines { get { lock (_gate) return [.. _lines]; } }

    /// <summary>What the process printed, one line after another (for error messages).</summary>
    internal string Output => string.Join("\n", Lines);

    /// <summary>True when the process has exited and said that its address was taken (the port race of programs that must be given a port number).</summary>
    internal bool ExitedWithAddressInUse =>
        _process.HasExited && Lines.Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    /// <summary>Waits for the first line (from line <paramref name="from"/> on) that satisfies <paramref name="match"/>.</summary>
    internal string WaitForLine(Func<string, bool> match, TimeSpan timeout, int from = 0)
    {
        string? found = null;
        WaitUntil(() =>
        {
            var seen = Lines;
            for (var i = from - (int)Math.Min(Interlocked.Read(ref _dropped), from); i < seen.Count; i++)
                if (match(seen[i])) { found = seen[i]; return true; }
            return false;
        }, timeout, "print the expected line");
        return found!;
    }

    /// <summary>
    /// Calls <paramref name="ready"/> until it returns true (after each line printed, at least every <paramref name="poll"/>);
    /// throws <see cref="InvalidOperationException"/> with the output if the process exits first, <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    internal void WaitUntil(Func<bool> ready, TimeSpan timeout, string what, TimeSpan? poll = null)
    {
        var step = poll ?? TimeSpan.FromMilliseconds(200);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (ready()) return;
            if (_process.HasExited)
            {
                _process.WaitForExit();   // drains the output
                if (ready()) return;
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it did {what}. Its output:\n{Output}");
            }
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"{Name} did not {what} within {timeout.TotalSeconds:F0} s. Its output:\n{Output}");
            _lineArrived.Wait(left < step ? left : step);
        }
    }

    /// <summary>Sends signal <paramref name="signal"/> (Linux numbering) to the process; false when it is gone or the platform has no signals.</summary>
    internal bool Signal(int signal) => !OperatingSystem.IsWindows() && !_process.HasExited && Native.kill(_process.Id, signal) == 0;

    /// <summary>
    /// Asks the process to stop (<paramref name="askToStop"/>, by default SIGTERM), waits up to <paramref name="grace"/>, then
    /// kills the process tree; returns the exit code (-1 when it cannot be known).
    /// </summary>
    internal int Stop(TimeSpan grace, Action? askToStop = null)
    {
        try
        {
            if (!_process.HasExited)
            {
                if (askToStop is not null) askToStop();
                else Signal(15);     // SIGTERM
                if (!_process.WaitForExit(grace)) _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit();
            return _process.ExitCode;
        }
        catch (InvalidOperationException) { return -1; }   // never started or already reaped
    }

    /// <summary>Kills the process and its children at once (SIGKILL on Linux) and waits until it is gone.</summary>
    internal void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }   // never started or already reaped
        Live.TryRemove(this, out _);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit on its own.</summary>
    internal bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Waits for the process to exit and its output to be read, or until <paramref name="cancellation"/> fires.</summary>
    internal Task WaitForExitAsync(CancellationToken cancellation) => _process.WaitForExitAsync(cancellation);

    /// <summary>
    /// Starts a shell loop that kills this process (SIGKILL) within a second or two once <paramref name="ownerPid"/> is gone, and
    /// then deletes <paramref name="folder"/> (its temporary folder) if the owner is gone: a process killed outright runs no exit
    /// handler, and programs such as redis-server do not watch their parent.
    /// </summary>
    internal ChildProcess StartWatchdog(int ownerPid, string? folder = null)
    {
        var cleanup = folder is null ? "" : $"; kill -0 {ownerPid} 2>/dev/null || rm -rf '{folder.Replace("'", "'\\''")}'";
        return Start("/bin/sh", ["-c", $"while kill -0 {ownerPid} 2>/dev/null && kill -0 {Id} 2>/dev/null; do sleep 1; done; kill -9 {Id} 2>/dev/null{cleanup}"]);
    }

    /// <summary>Disposes every owner of type <typeparamref name="T"/> whose process is still registered.</summary>
    internal static void DisposeOwners<T>() where T : IDisposable
    {
        foreach (var child in Live.Keys)
            if (child.Owner is T owner) owner.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > _maxLines) { _lines.Dequeue(); Interlocked.Increment(ref _dropped); }
        }
        _lineArrived.Release();
    }

    /// <summary>Kills the process tree if it still runs and releases it; safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Kill();
        _process.Dispose();
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)] internal static extern int kill(int pid, int signal);
    }
}
