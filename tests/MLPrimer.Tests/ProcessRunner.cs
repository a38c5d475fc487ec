using System.Diagnostics;

namespace MLPrimer.Tests;

/// <summary>Runs a child process to completion and captures what it printed.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + "\n" + Stderr;
    }

    public static Result Run(string file, IEnumerable<string> args, string workingDirectory, int timeoutSeconds = 1800,
        IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment != null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', psi.ArgumentList)} did not finish in {timeoutSeconds}s.\n{stdout.Result}\n{stderr.Result}");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
