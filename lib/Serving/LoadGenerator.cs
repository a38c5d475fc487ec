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
    /// <summary>Requests that did not get a 200 answer.</summary>
    public int Failures => Requests.Count(r => !r.Ok);

    /// <summary>Successful requests per second of wall time.</summary>
    public double Throughput => (Requests.Count - Failures) / Elapsed.TotalSeconds;

    /// <summary>Latency summary (milliseconds) of all requests.</summary>
    public LatencySummary Latency => LatencySummary.From(Requests.Select(r => r.LatencyMs).ToArray());
}

/// <summary>A closed-loop HTTP load generator: <c>concurrency</c> workers each send a request, wait for the answer, and send the next.</summary>
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
                using var content = new StringContent(body(i), Encoding.UTF8, "application/json");
                double start = clock.Elapsed.TotalMilliseconds;
                int status;
                string? text = null;
                try
                {
                    using var response = await client.PostAsync(uri, content).ConfigureAwait(false);
                    string answer = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    if (keepBodies) text = answer;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    status = 0;
                }
                outcomes[i] = new RequestOutcome(i, start, clock.Elapsed.TotalMilliseconds - start, status, text);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, requests)).Select(_ => Task.Run(Worker))).ConfigureAwait(false);
        return new LoadResult(concurrency, outcomes, clock.Elapsed);
    }
}
