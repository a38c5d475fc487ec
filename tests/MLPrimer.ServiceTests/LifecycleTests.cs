using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MLPrimer.Serving;

namespace MLPrimer.ServiceTests;

/// <summary>Nothing is left running: after Dispose, after the parent dies; and a stop drains the requests in flight.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly TestRegistry _registry = new();

    public void Dispose() => _registry.Dispose();

    private static bool Running(int pid) => Directory.Exists($"/proc/{pid}");

    private static bool PortOpen(int port)
    {
        using var socket = new TcpClient();
        try { socket.Connect(IPAddress.Loopback, port); return true; }
        catch (SocketException) { return false; }
    }

    [Fact]
    public void DisposeLeavesNoProcessAndNoPort()
    {
        var server = ModelServerProcess.Start(_registry.Root);
        int pid = server.ProcessId, port = server.BaseAddress.Port;
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.True(Running(pid) && PortOpen(port));
        server.Dispose();
        Assert.False(Running(pid), "the server process is gone");
        Assert.False(PortOpen(port), "the port is closed");
    }

    [Fact]
    public void StopAllStopsEveryServerNotYetDisposed()
    {
        var a = ModelServerProcess.Start(_registry.Root);
        var b = ModelServerProcess.Start(_registry.Root);
        int[] pids = [a.ProcessId, b.ProcessId];
        ModelServerProcess.StopAll();                    // what the notebook kernel does when it is disposed
        Assert.All(pids, pid => Assert.False(Running(pid), $"process {pid} still runs"));
        a.Dispose();                                     // a second dispose is harmless
    }

    [Fact]
    public async Task AStopDrainsRequestsInFlight()
    {
        // Batches wait up to 0.9 s to fill, so a request is in flight when SIGTERM arrives; it still gets its answer.
        var server = ModelServerProcess.Start(_registry.Root, "--batch-max", "64", "--batch-wait-ms", "900");
        var inFlight = server.Client.PostAsync("predict", new StringContent("""{"features": [[1, 0, 0, 0]]}""", Encoding.UTF8, "application/json"));
        while (!(await server.Client.GetStringAsync("metrics")).Contains("modelserver_requests_in_flight 2")) await Task.Delay(5);   // the scrape and the prediction
        int exitCode = await Task.Run(() => server.Stop(TimeSpan.FromSeconds(15)));
        using var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, exitCode);
        server.Dispose();
    }

    [Fact]
    public void TheServerExitsWhenItsParentDies()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", ModelServerProcess.ServerDll(), "--model", _registry.Root, "--urls", "http://127.0.0.1:0", "--parent-pid", parent.Id.ToString() })
            psi.ArgumentList.Add(a);
        using var server = Process.Start(psi)!;
        try
        {
            string? line;
            while ((line = server.StandardOutput.ReadLine()) is not null && !line.StartsWith("ModelServer listening on", StringComparison.Ordinal)) { }
            Assert.NotNull(line);
            int port = new Uri(line!["ModelServer listening on ".Length..]).Port;
            _ = server.StandardOutput.ReadToEndAsync();
            _ = server.StandardError.ReadToEndAsync();
            parent.Kill();
            Assert.True(server.WaitForExit(20_000), "the server should exit within 20 s of its parent");
            Assert.False(PortOpen(port));
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            if (!parent.HasExited) parent.Kill();
        }
    }

    [Fact]
    public void BadOptionsExitWithAMessage()
    {
        var result = Run("--model", Path.Combine(_registry.Root, "missing"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--model must be an existing model registry folder", result.Output);
        result = Run("--model", _registry.Root, "--batch-max", "-3");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch-max must be 0 (off) or a positive row count", result.Output);
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(ModelServerProcess.ServerDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException("the server did not exit"); }
        return (p.ExitCode, output.Result + error.Result);
    }
}
