using System.Diagnostics;

namespace MLPrimer.Tracking;

/// <summary>The version of the code a run used: the git commit and whether the working tree had uncommitted changes.</summary>
/// <param name="Commit">Full commit hash, or null when git or a repository was not found.</param>
/// <param name="Dirty">True when tracked files differed from the commit (null when unknown).</param>
public sealed record CodeVersion(string? Commit, bool? Dirty)
{
    /// <summary>No version information.</summary>
    public static CodeVersion Unknown { get; } = new(null, null);

    /// <summary>Asks git about the repository containing <paramref name="directory"/> (the current folder when null); never throws.</summary>
    public static CodeVersion FromGit(string? directory = null)
    {
        directory ??= Environment.CurrentDirectory;
        var commit = Git(directory, "rev-parse HEAD");
        if (commit is null || commit.Length < 7) return Unknown;
        var status = Git(directory, "status --porcelain --untracked-files=no");
        return new CodeVersion(commit, status is null ? null : status.Length > 0);
    }

    /// <summary>E.g. "3f2a9c1" or "3f2a9c1+changes", or "unknown".</summary>
    public override string ToString() => Commit is null ? "unknown" : Commit[..7] + (Dirty == true ? "+changes" : "");

    private static string? Git(string directory, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000)) { process.Kill(); return null; }
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
