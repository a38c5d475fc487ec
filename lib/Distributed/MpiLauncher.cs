using System.Diagnostics;
using MLPrimer.Processes;

namespace MLPrimer.Distributed;

/// <summary>How an <c>mpiexec</c> job ended.</summary>
/// <param name="ExitCode">The launcher's exit code (0 only when every rank exited with 0); -1 when it was killed on timeout.</param>
/// <param name="TimedOut">True when the job ran past its time limit and was killed.</param>
/// <param name="Elapsed">Wall time from start to exit (or to the kill).</param>
/// <param name="Output">What the launcher and the ranks printed, stdout and stderr interleaved.</param>
public sealed record MpiRunResult(int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
{
    /// <summary>Throws an <see cref="InvalidOperationException"/> with the job's output unless it exited with 0.</summary>
    public MpiRunResult EnsureSuccess() => ExitCode == 0 && !TimedOut ? this
        : throw new InvalidOperationException($"The MPI job {(TimedOut ? "timed out" : $"exited with {ExitCode}")}:\n{Output}");
}

/// <summary>Starts N copies of the data-parallel worker (<c>tools/DistributedWorker</c>) with MPICH's <c>mpiexec.mpich</c> on this
/// machine and waits for them, like <c>torchrun --nproc-per-node N</c> or <c>horovodrun -np N</c>.</summary>
/// <remarks>The job always ends within its timeout: on timeout, on an exception or when the caller is cancelled the launcher
/// kills its whole process tree (mpiexec, its proxy and every rank), so nothing is left running after a failed cell.
/// libtorch and BLAS are held to one thread per rank.</remarks>
public static class MpiLauncher
{
    /// <summary>The launcher's file name: the Debian package <c>mpich</c> installs it.</summary>
    public const string Executable = "mpiexec.mpich";

    /// <summary>The full path of <see cref="Executable"/> on PATH; throws <see cref="InvalidOperationException"/> naming the package when it is missing.</summary>
    public static string FindExecutable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, Executable);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException(
            $"{Executable} is not on PATH: install MPICH with 'sudo apt-get install mpich' (Debian package 'mpich'), or run scripts/setup.sh.");
    }

    /// <summary>The worker assembly that <c>scripts/setup.sh</c> builds: <c>tools/DistributedWorker/bin/Release/net10.0/DistributedWorker.dll</c>.</summary>
    public static string WorkerPath()
    {
        var path = Path.Combine(Root(), "tools", "DistributedWorker", "bin", "Release", "net10.0", "DistributedWorker.dll");
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"The distributed worker is not built ({path}): run scripts/setup.sh.");
    }

    private static string Root() =>
        Data.RepositoryRoot.FindAbove(Directory.GetCurrentDirectory())
        ?? Data.RepositoryRoot.FindAbove(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Cannot find the repository root (global.json and data/README.md) above the current directory.");

    /// <summary>Runs <paramref name="processes"/> worker ranks with <paramref name="arguments"/> and returns how the job ended; never waits longer than <paramref name="timeout"/>.</summary>
    public static MpiRunResult Run(int processes, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellation = default)
    {
        Guard.AtLeast(processes, 1, nameof(processes));
        ArgumentNullException.ThrowIfNull(arguments);
        if (timeout <= TimeSpan.Zero) throw new ArgumentException($"timeout must be positive (got {timeout}).", nameof(timeout));
        var mpiexec = FindExecutable();
        var worker = WorkerPath();
        // -launcher fork: ranks are forked locally, no ssh; -n N copies of "dotnet worker.dll args".
        List<string> command = ["-launcher", "fork", "-n", processes.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet", worker];
        command.AddRange(arguments);
        var environment = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["MKL_NUM_THREADS"] = "1", ["HYDRA_IFACE"] = "lo" };
        var clock = Stopwatch.StartNew();
        // The ranks find data/ from the repository root. The job is killed with its tree on timeout, on cancellation, and
        // when the host process exits (a kernel shut down mid-cell).
        using var job = ChildProcess.Start(mpiexec, command, Root(), environment, redirectInput: false);
        var finished = false;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            limit.CancelAfter(timeout);
            try
            {
                job.WaitForExitAsync(limit.Token).GetAwaiter().GetResult();   // also drains the redirected streams
                finished = true;
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested) { }   // the time limit
            finally
            {
                if (!finished) job.Kill();
            }
        }
        var text = string.Concat(job.Lines.Select(l => l + Environment.NewLine));
        return new MpiRunResult(finished ? job.ExitCode : -1, !finished, clock.Elapsed, text);
    }
}
