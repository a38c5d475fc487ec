namespace MLPrimer.Tests.Notebooks;

/// <summary>Whether a process a notebook started (and printed the id of) is still alive.</summary>
internal static class ProcessCheck
{
    /// <summary>True when <paramref name="pid"/> is alive and its command line mentions one of <paramref name="names"/> (so a reused id does not count).</summary>
    public static bool IsRunning(int pid, params string[] names)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return names.Any(n => commandLine.Contains(n, StringComparison.Ordinal));
        }
        catch (IOException) { return false; }                    // no such process (or no /proc)
        catch (UnauthorizedAccessException) { return false; }
    }
}
