using System.Net;
using System.Text;
using MLPrimer.Monitoring;

namespace MLPrimer.Tests.Monitoring;

/// <summary>
/// Runs the real Prometheus (Debian package 'prometheus', installed by scripts/setup.sh) against a stand-in /metrics
/// endpoint whose counter grows by a known amount per scrape, so rates and alerts have values worked out by hand.
/// </summary>
public class PrometheusProcessTests
{
    /// <summary>A loopback /metrics endpoint: a counter that grows by 10 per second of wall time and a gauge the test sets.</summary>
    private sealed class StandInExporter : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly Task _loop;
        public volatile int Level;

        public StandInExporter()
        {
            // HttpListener cannot bind port 0: a picked port taken before the bind is replaced by another.
            for (var attempt = 1; ; attempt++)
            {
                Port = MLPrimer.Processes.LoopbackPort.Pick();
                _listener = new HttpListener();
                _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                try { _listener.Start(); break; }
                catch (HttpListenerException) when (attempt < 8) { _listener.Close(); }
            }
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); } catch { return; }
                    var body = "# TYPE standin_events_total counter\n" +
                               $"standin_events_total {Math.Floor(10 * _clock.Elapsed.TotalSeconds)}\n" +
                               "# TYPE standin_level gauge\n" +
                               $"standin_level {Level}\n";
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.ContentType = "text/plain; version=0.0.4";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        public int Port { get; }
        public Uri Metrics => new($"http://127.0.0.1:{Port}/metrics");
        public void Dispose() { _listener.Stop(); _listener.Close(); }
    }

    private static bool Alive(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }

    private static async Task<T> Poll<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task ScrapesRatesAndFiresTheAlertThenLeavesNothingBehind()
    {
        using var exporter = new StandInExporter();
        var rule = new AlertRule("LevelHigh", "standin_level > 5", TimeSpan.FromSeconds(2), "the stand-in's level is above 5");
        int pid; string directory;
        using (var prometheus = PrometheusProcess.Start([exporter.Metrics], [rule], jobName: "standin"))
        {
            (pid, directory) = (prometheus.ProcessId, prometheus.Directory);
            Assert.True(Alive(pid));
            Assert.Contains("scrape_interval: 1000ms", File.ReadAllText(prometheus.ConfigPath));
            var client = prometheus.Client;

            // Up once scraped; the counter grows by 10 per second, so its rate over 5 s is 10 (within the scrape jitter, which a loaded 2-core machine stretches: a rate per minute would read 600).
            var up = await Poll(() => client.QueryAsync("up{job=\"standin\"}"), s => s.Count == 1 && s[0].Value == 1);
            Assert.Equal(1, Assert.Single(up).Value);
            Assert.Equal($"127.0.0.1:{exporter.Port}", up[0].Labels["instance"]);
            // Wait until the 5 s window is full (6 scrapes), or rate() divides a partial increase by the whole window.
            await Poll(() => client.QueryAsync("count_over_time(standin_events_total[6s])"), s => s.Count == 1 && s[0].Value >= 6);
            var rate = await client.QueryAsync("rate(standin_events_total[5s])");
            Assert.InRange(Assert.Single(rate).Value, 4, 16);

            // A range query returns one point per step between start and end.
            var end = DateTimeOffset.UtcNow;
            var series = Assert.Single(await client.QueryRangeAsync("standin_level", end.AddSeconds(-2), end, TimeSpan.FromSeconds(1)));
            Assert.InRange(series.Points.Count, 1, 3);
            Assert.All(series.Points, p => Assert.Equal(0, p.Value));

            // No alert while the level is 0; raised to 10, the rule goes pending, then firing after its 2 s 'for'.
            Assert.DoesNotContain(await client.AlertsAsync(), a => a.Name == "LevelHigh");
            exporter.Level = 10;
            var alerts = await Poll(() => client.AlertsAsync(), a => a.Any(x => x.Name == "LevelHigh" && x.State == "firing"));
            var firing = Assert.Single(alerts, a => a.Name == "LevelHigh");
            Assert.Equal("firing", firing.State);
            Assert.True(firing.ActiveAt <= DateTimeOffset.UtcNow.AddSeconds(-1), "the alert waited for its 'for' duration");

            // A bad query surfaces Prometheus' own message.
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.QueryAsync("rate(standin_events_total"));
            Assert.Contains("rejected", error.Message);
        }
        Assert.False(Alive(pid), $"prometheus (pid {pid}) still runs after Dispose");
        Assert.False(Directory.Exists(directory), "the temporary database folder was left behind");
    }

    [Fact]
    public void AFailureInsideTheUsingBlockStillStopsPrometheus()
    {
        using var exporter = new StandInExporter();
        var pid = 0;
        Assert.Throws<InvalidOperationException>((Action)(() =>
        {
            using var prometheus = PrometheusProcess.Start([exporter.Metrics]);
            pid = prometheus.ProcessId;
            throw new InvalidOperationException("a failing cell");
        }));
        Assert.NotEqual(0, pid);
        Assert.False(Alive(pid));
    }

    [Fact]
    public void StopAllStopsWhatWasNotDisposed()
    {
        using var exporter = new StandInExporter();
        var forgotten = PrometheusProcess.Start([exporter.Metrics]);      // no using: a cell that failed before Dispose
        var (pid, directory) = (forgotten.ProcessId, forgotten.Directory);
        PrometheusProcess.StopAll();
        Assert.False(Alive(pid));
        Assert.False(Directory.Exists(directory));
        forgotten.Dispose();                                               // safe after StopAll
    }

    [Fact]
    public void AMissingBinaryNamesTheDebianPackage()
    {
        var e = Assert.Throws<InvalidOperationException>(() => { PrometheusProcess.Start([new Uri("http://127.0.0.1:9/metrics")], executable: "prometheus-not-installed-here"); });
        Assert.Contains("apt-get install prometheus", e.Message);
    }

    [Fact]
    public void ConfigurationIsValidYamlForTheRules()
    {
        var yaml = PrometheusProcess.RulesYaml([new AlertRule("Drift", "x{a='b'} > 0.5", TimeSpan.FromSeconds(3), "it's drifting")]);
        Assert.Contains("expr: 'x{a=''b''} > 0.5'", yaml);
        Assert.Contains("for: 3000ms", yaml);
        Assert.Contains("summary: 'it''s drifting'", yaml);
        var config = PrometheusProcess.ConfigYaml([new Uri("http://127.0.0.1:5000/metrics")], TimeSpan.FromSeconds(1), "app", "/tmp/a.yml");
        Assert.Contains("targets: ['127.0.0.1:5000']", config);
        Assert.Contains("metrics_path: '/metrics'", config);
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        void Fails(string parameter, Func<PrometheusProcess> action) => Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => { action(); }).ParamName);
        var target = new Uri("http://127.0.0.1:5000/metrics");
        Fails("targets", () => PrometheusProcess.Start([]));
        Fails("targets", () => PrometheusProcess.Start([new Uri("http://127.0.0.1:5000/metrics"), new Uri("http://127.0.0.1:5001/other")]));
        Fails("scrapeInterval", () => PrometheusProcess.Start([target], scrapeInterval: TimeSpan.FromMilliseconds(10)));
        Fails("jobName", () => PrometheusProcess.Start([target], jobName: "a b"));
        Fails("rules", () => PrometheusProcess.Start([target], [new AlertRule("bad name", "up", TimeSpan.Zero, "")]));
        Fails("rules", () => PrometheusProcess.Start([target], [new AlertRule("Empty", " ", TimeSpan.Zero, "")]));
        Assert.Equal("baseAddress", Assert.ThrowsAny<ArgumentException>(() => { using var _ = new PrometheusClient(new Uri("relative", UriKind.Relative)); }).ParamName);
    }

    [Fact]
    public void APortTakenBetweenPickAndBindIsReplacedByAnother()
    {
        // Prometheus must be told a port number; one taken after the pick makes it exit with "address already in use".
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        int taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var picks = new Queue<int>([taken]);
        using var prometheus = PrometheusProcess.Start([new Uri("http://127.0.0.1:9/metrics")], null, null, "app", null, "prometheus",
            () => picks.TryDequeue(out var p) ? p : MLPrimer.Processes.LoopbackPort.Pick());
        Assert.Empty(picks);
        Assert.NotEqual(taken, prometheus.BaseAddress.Port);
        Assert.False(prometheus.HasExited);
    }
}
