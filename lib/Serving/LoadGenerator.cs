using System.Diagnostics;
using System.Text;

namespace MLPrimer.Serving;

/// <summary>One request of a load test: when it started (ms after the test began), how long it took, its status (0: no answer) and body.</summary>
public readonly record struct RequestOutcome(int Index, double StartMs, double LatencyMs, int Status, string? Body)
{
    /// <summary>True for a 200 answer.</summary>
    public bool Ok => Status == 200;
}

/// <summary>The outcome of a load test: every request, the wall time, and derived throughput, failures and latency summary.</summary>
public sealed record LoadResult(int Concurrency, IReadOnlyList<RequestOutcome> Requests, TimeSpan Elapsed)
{
    /// <summary>For an open-loop test, the offered rate (requests per second) it scheduled; null for a closed loop.</summary>
    public double? OfferedRate { get; init; }

    /// <summary>Requests that did not get a 200 answer.</summary>
    public int Failures => Requests.Count(r => !r.Ok);

    /// <summary>Successful requests per second of wall time.</summary>
    public double Throughput => (Requests.Count - Failures) / Elapsed.TotalSeconds;

    /// <summary>Latency summary (milliseconds) of all requests.</summary>
    public LatencySummary Latency => LatencySummary.From(Requests.Select(r => r.LatencyMs).ToArray());
}

/// <summary>
/// HTTP load generators. Closed loop (<see cref="RunAsync"/>): <c>concurrency</c> workers each send a request, wait for the answer,
/// and send the next, so a slow server slows the senders down and the requests it would have delayed are never sent (coordinated
/// omission). Open loop (<see cref="RunOpenLoopAsync"/>): requests leave on a fixed schedule whatever the answers do, and each
/// latency counts from its scheduled time, as users who keep arriving would see it.
/// </summary>
public static class LoadGenerator
{
    /// <summary>An HttpClient whose connection pool allows <paramref name="maxConnections"/> connections per server.</summary>
    public static HttpClient CreateClient(int maxConnections = 256)
    {
        if (maxConnections <= 0) throw new ArgumentException($"maxConnections must be positive; got {maxConnections}.", nameof(maxConnections));
        return new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>POSTs <paramref name="requests"/> JSON bodies (<paramref name="body"/> of the request index) to <paramref name="uri"/> from <paramref name="concurrency"/> workers; keeps response bodies when <paramref name="keepBodies"/>.</summary>
    public static async Task<LoadResult> RunAsync(HttpClient client, Uri uri, Func<int, string> body, int concurrency, int requests, bool keepBodies = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(body);
        if (concurrency <= 0) throw new ArgumentException($"concurrency must be positive; got {concurrency}.", nameof(concurrency));
        if (requests <= 0) throw new ArgumentException($"requests must be positive; got {requests}.", nameof(requests));
        var outcomes = new RequestOutcome[requests];
        int next = -1;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var payload = body(i);
                double start = clock.Elapsed.TotalMilliseconds;
                var (status, text) = await PostAsync(client, uri, payload, keepBodies).ConfigureAwait(false);
                outcomes[i] = new RequestOutcome(i, start, clock.Elapsed.TotalMilliseconds - start, status, text);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, requests)).Select(_ => Task.Run(Worker))).ConfigureAwait(false);
        return new LoadResult(concurrency, outcomes, clock.Elapsed);
    }

    /// <summary>
    /// Open loop: POSTs request i at i / <paramref name="ratePerSecond"/> seconds after the start, without waiting for earlier answers;
    /// each request's latency runs from its scheduled time to its answer (RequestOutcome.StartMs is the scheduled time). A 1 ms timer
    /// sends the requests that are due, so each leaves within about a millisecond after its time, never before.
    /// </summary>
    public static async Task<LoadResult> RunOpenLoopAsync(HttpClient client, Uri uri, Func<int, string> body, double ratePerSecond, int requests, bool keepBodies = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(body);
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond)) throw new ArgumentException($"ratePerSecond must be a positive finite rate; got {ratePerSecond}.", nameof(ratePerSecond));
        if (requests <= 0) throw new ArgumentException($"requests must be positive; got {requests}.", nameof(requests));
        var outcomes = new RequestOutcome[requests];
        var sent = new Task[requests];
        var clock = Stopwatch.StartNew();
        async Task Send(int i, double scheduled)
        {
            var (status, text) = await PostAsync(client, uri, body(i), keepBodies).ConfigureAwait(false);
            outcomes[i] = new RequestOutcome(i, scheduled, clock.Elapsed.TotalMilliseconds - scheduled, status, text);
        }
        // A 1 ms timer sends every request whose time has come: never early, at most about a tick late (no spinning on a core
        // the server needs). A late tick only makes the next ones catch up; latency still counts from the schedule.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        int next = 0;
        while (true)
        {
            double now = clock.Elapsed.TotalMilliseconds;
            for (; next < requests && next * 1000.0 / ratePerSecond <= now; next++)
            {
                int index = next;
                double scheduled = index * 1000.0 / ratePerSecond;
                sent[index] = Task.Run(() => Send(index, scheduled));
            }
            if (next == requests) break;
            await timer.WaitForNextTickAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(sent).ConfigureAwait(false);
        return new LoadResult(0, outcomes, clock.Elapsed) { OfferedRate = ratePerSecond };
    }

    /// <summary>One POST of a JSON body: the status code (0 when the connection failed) and, when asked, the answer's body.</summary>
    private static async Task<(int Status, string? Text)> PostAsync(HttpClient client, Uri uri, string body, bool keepBody)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await client.PostAsync(uri, content).ConfigureAwait(false);
            string answer = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return ((int)response.StatusCode, keepBody ? answer : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, null);
        }
    }
}
