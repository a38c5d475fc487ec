using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MLPrimer.Processes;
using StackExchange.Redis;

namespace MLPrimer.Messaging;

/// <summary>
/// A private Redis server for one notebook or test: <c>redis-server</c> on a free loopback port, its files in a
/// temporary folder, no snapshots. <see cref="Dispose"/> shuts it down (and kills it if it does not go), also when
/// the process that started it exits; a watchdog kills it within a second or two if that process is killed outright.
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private readonly ChildProcess _child;
    private readonly ChildProcess _watchdog;
    private bool _disposed;

    private RedisServerProcess(ChildProcess child, ChildProcess watchdog, int port, string directory, string version)
    {
        _child = child;
        _watchdog = watchdog;
        Port = port;
        Directory = directory;
        Version = version;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's operating-system process id.</summary>
    public int ProcessId => _child.Id;

    /// <summary>The temporary folder that holds the server's files (deleted on <see cref="Dispose"/>).</summary>
    public string Directory { get; }

    /// <summary>The server's version, as it reports in its INFO reply (e.g. 7.0.15).</summary>
    public string Version { get; }

    /// <summary>The StackExchange.Redis configuration string for this server, <c>127.0.0.1:port</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>True once the server process has exited.</summary>
    public bool HasExited => _child.HasExited;

    /// <summary>
    /// Starts <c>redis-server --port P --bind 127.0.0.1 --dir TMP --save ''</c> on <paramref name="port"/> (0: a free
    /// port) and returns once it answers PING, or throws within <paramref name="startTimeoutSeconds"/>.
    /// </summary>
    public static RedisServerProcess Start(int port = 0, int startTimeoutSeconds = 30) => Start(port, startTimeoutSeconds, "redis-server", Environment.ProcessId);

    /// <summary>
    /// Starts the server executable called <paramref name="executableName"/>, watched on behalf of process <paramref name="ownerPid"/>;
    /// with port 0 the ports come from <paramref name="pickPort"/> (the tests name a missing executable, another owner, or a taken port).
    /// </summary>
    internal static RedisServerProcess Start(int port, int startTimeoutSeconds, string executableName, int ownerPid, Func<int>? pickPort = null)
    {
        if (port < 0 || port > 65535) throw new ArgumentException($"port must be between 0 and 65535 (0: pick a free one); got {port}.", nameof(port));
        if (startTimeoutSeconds <= 0) throw new ArgumentException($"startTimeoutSeconds must be positive; got {startTimeoutSeconds}.", nameof(startTimeoutSeconds));
        var executable = FindExecutable(executableName)
            ?? throw new FileNotFoundException($"{executableName} was not found on PATH or in /usr/bin, /usr/sbin, /usr/local/bin. " +
                                                "Install the Debian package redis-server (scripts/setup.sh does it: apt-get install redis-server).", executableName);
        // redis-server must be told its port: a picked port may be taken before it binds, so a start that reports
        // "Address already in use" is retried on another one (a port the caller named is not replaced).
        return port != 0 ? StartOn(port, startTimeoutSeconds, executable, ownerPid)
            : LoopbackPort.Retry(p => StartOn(p, startTimeoutSeconds, executable, ownerPid), pickPort);
    }

    private static RedisServerProcess StartOn(int port, int startTimeoutSeconds, string executable, int ownerPid)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("mlprimer-redis-").FullName;
        ChildProcess? child = null, watchdog = null;
        try
        {
            child = ChildProcess.Start(executable,
                ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "no",
                 "--daemonize", "no", "--logfile", "", "--databases", "1"], directory);
            try { child.WaitUntil(() => TrySend(port, "PING") == "+PONG", TimeSpan.FromSeconds(startTimeoutSeconds), $"answer PING on 127.0.0.1:{port}", TimeSpan.FromMilliseconds(50)); }
            catch (InvalidOperationException) when (child.ExitedWithAddressInUse)
            {
                throw new AddressInUseException($"127.0.0.1:{port} was taken before redis-server could bind it.");
            }
            var info = TrySend(port, "INFO server") ?? "";
            string? Field(string name) => info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + ":"))?[(name.Length + 1)..];
            // Whoever answered must be our server, not another program that held the port while ours failed to bind it.
            if (Field("process_id") != child.Id.ToString())
                throw new AddressInUseException($"127.0.0.1:{port} is served by another process (pid {Field("process_id") ?? "unknown"}), not by redis-server {child.Id}.");
            var version = Field("redis_version") ?? "unknown";
            // If the owner dies without running its exit handlers (SIGKILL, a crashed kernel), nothing in it can stop the
            // server; the watchdog outlives it and does.
            watchdog = child.StartWatchdog(ownerPid, directory);
            var server = new RedisServerProcess(child, watchdog, port, directory, version);
            child.Owner = server;
            child.AfterExit = () => TryDelete(directory);
            return server;
        }
        catch
        {
            watchdog?.Dispose();
            child?.Dispose();
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Disposes every server this process started and has not disposed yet (the notebook kernel calls it when it is disposed).</summary>
    public static void StopAll() => ChildProcess.DisposeOwners<RedisServerProcess>();

    /// <summary>Opens a StackExchange.Redis connection to this server.</summary>
    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(Configuration);

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsListening(int port)
    {
        if (port <= 0 || port > 65535) throw new ArgumentException($"port must be between 1 and 65535; got {port}.", nameof(port));
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (AggregateException) { return false; }
        catch (SocketException) { return false; }
    }

    /// <summary>Shuts the server down (SHUTDOWN NOSAVE), kills it if it is still there after two seconds, and deletes its folder.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_child.HasExited)
        {
            TrySend(Port, "SHUTDOWN NOSAVE");
            _child.WaitForExit(TimeSpan.FromSeconds(2));
        }
        _child.Dispose();
        _watchdog.Dispose();
        TryDelete(Directory);
    }

    /// <summary>Sends one inline command and returns the whole reply read within a second, or null when nothing answers.</summary>
    private static string? TrySend(int port, string command)
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(1))) return null;
            var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
            var buffer = new byte[16 * 1024];
            var read = stream.Read(buffer);
            if (read <= 0) return null;
            var reply = Encoding.ASCII.GetString(buffer, 0, read);
            if (reply.StartsWith('$'))   // a bulk reply: read until the announced length has arrived
            {
                var header = reply.IndexOf("\r\n", StringComparison.Ordinal);
                var length = int.Parse(reply[1..header]);
                var text = new StringBuilder(reply[(header + 2)..]);
                while (text.Length < length && (read = stream.Read(buffer)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, read));
                return text.ToString();
            }
            return reply.TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException) { return null; }
    }

    private static string? FindExecutable(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]);
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    private static void TryDelete(string directory)
    {
        try { System.IO.Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
