using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MLPrimer.Serving;

namespace MLPrimer.Benchmarks.Baseline;

/// <summary>One line of a server's request log (JSON lines, snake_case names).</summary>
internal sealed record RequestLogEntry(DateTime Time, string Method, string Path, int Status, int Rows, string Version, double LatencyMs);

/// <summary>
/// The benchmarks' baseline: chapter 27's earlier dependency-free model server on <see cref="HttpListener"/>, in the benchmark's
/// own process, bound to 127.0.0.1. <c>POST /predict</c> takes <c>{"X": [[...], ...]}</c> and answers <c>{"y": [...], "version": "..."}</c>;
/// <c>GET /health</c> and <c>GET /metrics</c> report status and counters; <see cref="SwapModel(Func{float[][], float[]}, string)"/>
/// replaces the model without dropping a request.
/// </summary>
/// <remarks>
/// It is what a hand-rolled server looks like, kept only to be measured against <c>services/ModelServer</c>, and deliberately
/// lacks what the real service has: no connection cap and no header or body timeouts (HttpListener on Linux offers none, so
/// idle clients can exhaust descriptors), no request size limit, no validation of rows against the model (an empty row or a
/// number beyond float range reaches the model; a model error becomes a 500 carrying its message), errors as
/// <c>{"error": ...}</c> rather than problem details, 404 for a wrong method where 405 is due, and it answers only the
/// Host 127.0.0.1. Two things would make the comparison wrong, so they are right: a port taken between the pick and the
/// bind is replaced by another, and a request still running when <see cref="Dispose"/> gives up waiting is answered 503,
/// never 200 with an empty body (which a load generator would count as a success).
/// </remarks>
internal sealed class PredictionServer : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private sealed record Served(Func<float[][], Task<float[]>> Predict, string Version);
    private sealed record PredictRequest([property: JsonPropertyName("X")] float[][]? X);

    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<HttpListenerContext, byte> _unanswered = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _drainTimeout;
    private readonly Task _acceptLoop;
    private readonly StreamWriter? _log;
    private readonly Lock _logLock = new();
    private readonly Stopwatch _uptime = Stopwatch.StartNew();
    private volatile Served _served;
    private volatile bool _stopping;
    private int _inFlight;

    /// <summary>Starts serving the synchronous batch model <paramref name="predict"/> as <paramref name="version"/> on <paramref name="port"/> (0: a free port), logging requests to <paramref name="logPath"/> when given.</summary>
    public PredictionServer(Func<float[][], float[]> predict, string version, int port = 0, string? logPath = null)
        : this(Wrap(predict), version, port, logPath) { }

    /// <summary>Starts serving the asynchronous batch model <paramref name="predictAsync"/> (e.g. one that goes through a <see cref="DynamicBatcher{TIn, TOut}"/>).</summary>
    public PredictionServer(Func<float[][], Task<float[]>> predictAsync, string version, int port = 0, string? logPath = null)
        : this(predictAsync, version, port, logPath, null, null) { }

    /// <summary>As above, with the ports to try drawn from <paramref name="pickPort"/> and the drain on <see cref="Dispose"/> limited to <paramref name="drainTimeout"/> (the tests set both).</summary>
    internal PredictionServer(Func<float[][], Task<float[]>> predictAsync, string version, int port, string? logPath, Func<int>? pickPort, TimeSpan? drainTimeout)
    {
        ArgumentNullException.ThrowIfNull(predictAsync);
        if (string.IsNullOrWhiteSpace(version)) throw new ArgumentException("version must be a non-empty label.", nameof(version));
        if (port < 0 || port > 65535) throw new ArgumentException($"port must be between 0 and 65535 (0: pick a free one); got {port}.", nameof(port));
        _served = new Served(predictAsync, version);
        _drainTimeout = drainTimeout ?? TimeSpan.FromSeconds(5);
        // HttpListener cannot bind port 0, so a port is picked first; one that someone takes before the bind is replaced.
        for (var attempt = 1; ; attempt++)
        {
            Port = port == 0 ? (pickPort ?? FreePort)() : port;
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (port == 0 && attempt < 8) { _listener.Close(); }
        }
        if (logPath is not null)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(logPath))!);
            _log = new StreamWriter(logPath, append: false, new UTF8Encoding(false)) { AutoFlush = true };   // readable while serving
        }
        _acceptLoop = Task.Run(AcceptAsync);
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's address, e.g. http://127.0.0.1:50123/.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The version label of the model now serving.</summary>
    public string ModelVersion => _served.Version;

    /// <summary>Requests, errors and the latency histogram, as served at /metrics.</summary>
    public ServerMetrics Metrics { get; } = new();

    /// <summary>Replaces the model; requests already running finish on the old one, later ones use the new one.</summary>
    public void SwapModel(Func<float[][], float[]> predict, string version) => SwapModel(Wrap(predict), version);

    /// <summary>Replaces the model with an asynchronous one.</summary>
    public void SwapModel(Func<float[][], Task<float[]>> predictAsync, string version)
    {
        ArgumentNullException.ThrowIfNull(predictAsync);
        if (string.IsNullOrWhiteSpace(version)) throw new ArgumentException("version must be a non-empty label.", nameof(version));
        _served = new Served(predictAsync, version);
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it); someone may take it before it is bound.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try { return ((IPEndPoint)probe.LocalEndpoint).Port; }
        finally { probe.Stop(); }
    }

    /// <summary>Reads a request log written by a server.</summary>
    public static IReadOnlyList<RequestLogEntry> ReadLog(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<RequestLogEntry>(l, Json)!).ToArray();

    private static Func<float[][], Task<float[]>> Wrap(Func<float[][], float[]> predict)
    {
        ArgumentNullException.ThrowIfNull(predict);
        return x => Task.FromResult(predict(x));
    }

    private async Task AcceptAsync()
    {
        while (!_stopping)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
            catch (Exception) when (_stopping) { break; }
            catch (HttpListenerException) { continue; }
            Interlocked.Increment(ref _inFlight);
            _unanswered[context] = 0;
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var clock = Stopwatch.StartNew();
        var model = _served;                              // one read: the whole request sees one model
        var request = context.Request;
        string path = request.Url?.AbsolutePath ?? "";
        try
        {
            int status = 200, rows = 0;
            string body;
            switch (request.HttpMethod, path)
            {
                case ("POST", "/predict"):
                    (status, body, rows) = await PredictAsync(request, model).ConfigureAwait(false);
                    break;
                case ("GET", "/health"):
                    body = JsonSerializer.Serialize(new { status = "ok", version = model.Version, uptime_s = Math.Round(_uptime.Elapsed.TotalSeconds, 3) });
                    break;
                case ("GET", "/metrics"):
                    body = Metrics.ToPrometheus();
                    break;
                default:
                    (status, body) = (404, Error($"no route {request.HttpMethod} {path}"));
                    break;
            }
            if (!_unanswered.TryRemove(context, out _)) return;   // Dispose gave up waiting and answered 503
            // Count and log before answering, so a client that has its answer also finds it in the counters and the log.
            double ms = clock.Elapsed.TotalMilliseconds;
            Metrics.Record(status, ms, rows);
            if (_log is not null)
            {
                string line = JsonSerializer.Serialize(new RequestLogEntry(DateTime.UtcNow, request.HttpMethod, path, status, rows, model.Version, Math.Round(ms, 4)), Json);
                lock (_logLock) _log.WriteLine(line);
            }
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = path == "/metrics" ? "text/plain; version=0.0.4" : "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception)
        {
            try { context.Response.Abort(); } catch (Exception) { }   // the client went away mid-response
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping) _drained.TrySetResult();
        }
    }

    private static async Task<(int Status, string Body, int Rows)> PredictAsync(HttpListenerRequest request, Served model)
    {
        float[][] x;
        try
        {
            var parsed = await JsonSerializer.DeserializeAsync<PredictRequest>(request.InputStream).ConfigureAwait(false);
            x = parsed?.X ?? throw new JsonException("the body needs a field \"X\".");
            if (x.Length == 0 || x.Any(row => row is null || row.Length != x[0].Length))
                throw new JsonException("\"X\" must be a non-empty list of rows of equal length.");
        }
        catch (JsonException ex) { return (400, Error(ex.Message), 0); }
        try
        {
            var y = await model.Predict(x).ConfigureAwait(false);
            return (200, JsonSerializer.Serialize(new { y, version = model.Version }), x.Length);
        }
        catch (Exception ex) { return (500, Error(ex.Message.Split('\n')[0].Trim()), 0); }   // first line: no native stack traces to clients
    }

    private static string Error(string message) => JsonSerializer.Serialize(new { error = message });

    /// <summary>Lets running requests finish (up to 5 s), answers those still running 503, stops listening and flushes the log.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        if (Volatile.Read(ref _inFlight) > 0) _drained.Task.Wait(_drainTimeout);
        foreach (var context in _unanswered.Keys)
        {
            if (!_unanswered.TryRemove(context, out _)) continue;   // its handler is answering it now
            try
            {
                var bytes = Encoding.UTF8.GetBytes(Error("the server is stopping; the request was not completed."));
                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = bytes.Length;
                context.Response.OutputStream.Write(bytes);
                context.Response.Close();
            }
            catch (Exception) { try { context.Response.Abort(); } catch (Exception) { } }   // the client went away
        }
        _listener.Close();
        try { _acceptLoop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        lock (_logLock) _log?.Dispose();
    }
}
