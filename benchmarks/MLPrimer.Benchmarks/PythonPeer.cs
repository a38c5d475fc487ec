using System.Diagnostics;

namespace MLPrimer.Benchmarks;

/// <summary>Runs a peer script under Debian's Python (the primer's own tools) when it is installed.</summary>
public static class PythonPeer
{
    /// <summary>Folder holding the peer scripts (benchmarks/peers).</summary>
    public static string PeersDirectory => Path.Combine(RepoRoot(), "benchmarks", "peers");

    /// <summary>True when /usr/bin/python3 can import every named module.</summary>
    public static bool Has(params string[] modules)
    {
        var (code, _, _) = Run("-c", $"import {string.Join(", ", modules)}");
        return code == 0;
    }

    /// <summary>Runs benchmarks/peers/<paramref name="script"/> with arguments; returns its exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunScript(string script, params string[] args) =>
        Run([Path.Combine(PeersDirectory, script), .. args]);

    private static (int, string, string) Run(params string[] args)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) return (127, "", "python3 not installed");
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "global.json"))) return d.FullName;
        throw new InvalidOperationException("Cannot find the repository root (global.json) above " + AppContext.BaseDirectory);
    }
}
