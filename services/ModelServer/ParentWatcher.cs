namespace ModelServer;

/// <summary>Stops the server when the process that started it (<c>--parent-pid</c>) is gone, so a crashed notebook kernel leaves nothing running.</summary>
public sealed class ParentWatcher(ServerOptions options, IHostApplicationLifetime lifetime, ILogger<ParentWatcher> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ParentPid <= 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!Alive(options.ParentPid))
            {
                logger.LogWarning("Parent process {ParentPid} is gone; shutting down", options.ParentPid);
                lifetime.StopApplication();
                return;
            }
            try { await Task.Delay(500, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    private static bool Alive(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
    }
}
