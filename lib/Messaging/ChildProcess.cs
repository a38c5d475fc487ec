using System.Collections.Concurrent;
using System.Diagnostics;

namespace MLPrimer.Messaging;

/// <summary>
/// A child process whose output is kept line by line and which is killed, with its tree, when disposed or when this
/// process exits (a notebook whose cell failed still exits normally, so nothing it started is left running).
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Live.Keys) child.Kill();
    };

    private ChildProcess(Process process) => _process = process;

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/>, capturing stdout and stderr together.</summary>
    internal static ChildProcess Start(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        var child = new ChildProcess(new Process { StartInfo = psi, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Exited += (_, _) => child._lineArrived.Release();
        child._process.Start();
        Live[child] = 0;
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    internal int Id => _process.Id;

    internal bool HasExited => _process.HasExited;

    internal int ExitCode => _process.ExitCode;

    /// <summary>Every line printed so far.</summary>
    internal IReadOnlyList<string> Lines { get { lock (_gate) return [.. _lines]; } }

    /// <summary>Waits for the first line (from line <paramref name="from"/> on) that satisfies <paramref name="match"/>.</summary>
    internal string WaitForLine(Func<string, bool> match, TimeSpan timeout, int from = 0)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var seen = Lines;
            for (var i = from; i < seen.Count; i++)
                if (match(seen[i])) return seen[i];
            if (_process.HasExited)
            {
                _process.WaitForExit();   // drains the output
                seen = Lines;
                for (var i = from; i < seen.Count; i++)
                    if (match(seen[i])) return seen[i];
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with code {_process.ExitCode} before printing the expected line. Its output:\n{string.Join("\n", seen)}");
            }
            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"{_process.StartInfo.FileName} did not print the expected line within {timeout.TotalSeconds:F0} s. Its output:\n{string.Join("\n", seen)}");
            _lineArrived.Wait(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
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

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate) _lines.Add(line);
        _lineArrived.Release();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
