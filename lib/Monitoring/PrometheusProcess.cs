using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Text;
using MLPrimer.Processes;

namespace MLPrimer.Monitoring;

/// <summary>A Prometheus alerting rule: the alert <paramref name="Name"/> fires once the PromQL <paramref name="Expression"/> has returned a series for <paramref name="For"/> (Prometheus' <c>alert</c>, <c>expr</c>, <c>for</c> and <c>annotations.summary</c>).</summary>
public sealed record AlertRule(string Name, string Expression, TimeSpan For, string Summary);

/// <summary>
/// A private Prometheus server (the Debian package <c>prometheus</c>) for one experiment: it writes a configuration that
/// scrapes the given <c>/metrics</c> targets every <c>scrapeInterval</c> and evaluates the alert rules as often, keeps its
/// time-series database in a temporary folder, listens on a free port of 127.0.0.1, and is killed (with the folder
/// deleted) on <see cref="Dispose"/> — or, at the latest, when the .NET process exits.
/// </summary>
public sealed class PrometheusProcess : IDisposable
{
    private readonly ChildProcess _process;
    private readonly ChildProcess _watchdog;
    private int _disposed;

    private PrometheusProcess(ChildProcess process, ChildProcess watchdog, string directory, int port)
    {
        _process = process;
        _watchdog = watchdog;
        Directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Client = new PrometheusClient(BaseAddress);
    }

    /// <summary>The address of Prometheus' web UI and HTTP API, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A PromQL client for this server's HTTP API.</summary>
    public PrometheusClient Client { get; }

    /// <summary>The operating-system process id of the prometheus process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The temporary folder holding prometheus.yml, alerts.yml and the database; deleted on <see cref="Dispose"/>.</summary>
    public string Directory { get; }

    /// <summary>The configuration file Prometheus runs with.</summary>
    public string ConfigPath => Path.Combine(Directory, "prometheus.yml");

    /// <summary>Whether the prometheus process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts Prometheus scraping <paramref name="targets"/> (each a metrics URL such as http://127.0.0.1:5000/metrics, all
    /// with the same path) as the job <paramref name="jobName"/>, with the alerting <paramref name="rules"/>, and waits until
    /// its <c>/-/ready</c> endpoint answers.
    /// </summary>
    public static PrometheusProcess Start(IEnumerable<Uri> targets, IEnumerable<AlertRule>? rules = null, TimeSpan? scrapeInterval = null,
        string jobName = "app", TimeSpan? startTimeout = null, string executable = "prometheus") =>
        Start(targets, rules, scrapeInterval, jobName, startTimeout, executable, null);

    /// <summary>Starts Prometheus with its ports drawn from <paramref name="pickPort"/> (the tests hand it a taken port first).</summary>
    internal static PrometheusProcess Start(IEnumerable<Uri> targets, IEnumerable<AlertRule>? rules, TimeSpan? scrapeInterval,
        string jobName, TimeSpan? startTimeout, string executable, Func<int>? pickPort)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var targetList = targets.ToArray();
        if (targetList.Length == 0) throw new ArgumentException("targets must hold at least one metrics URL, e.g. http://127.0.0.1:5000/metrics.", nameof(targets));
        foreach (var t in targetList)
            if (t is null || !t.IsAbsoluteUri || t.Scheme != Uri.UriSchemeHttp)
                throw new ArgumentException($"targets must be absolute http:// URLs of a /metrics endpoint; got '{t}'.", nameof(targets));
        if (targetList.Select(t => t.AbsolutePath).Distinct().Count() > 1)
            throw new ArgumentException($"targets of one job must share a metrics path; got {string.Join(", ", targetList.Select(t => t.AbsolutePath).Distinct())}.", nameof(targets));
        var interval = scrapeInterval ?? TimeSpan.FromSeconds(1);
        if (interval < TimeSpan.FromMilliseconds(100) || interval.TotalMilliseconds % 1 != 0)
            throw new ArgumentException($"scrapeInterval must be a whole number of milliseconds, at least 100 ms; got {interval}.", nameof(scrapeInterval));
        if (string.IsNullOrWhiteSpace(jobName) || !jobName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"jobName must be letters, digits or '_'; got '{jobName}'.", nameof(jobName));
        var ruleList = (rules ?? []).ToArray();
        foreach (var r in ruleList)
        {
            if (r is null || string.IsNullOrWhiteSpace(r.Name) || !r.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ArgumentException($"each rule needs a Name of letters, digits or '_'; got '{r?.Name}'.", nameof(rules));
            if (string.IsNullOrWhiteSpace(r.Expression))
                throw new ArgumentException($"rule {r.Name} needs a PromQL Expression.", nameof(rules));
            if (r.For < TimeSpan.Zero)
                throw new ArgumentException($"rule {r.Name}: For must not be negative; got {r.For}.", nameof(rules));
        }
        var timeout = startTimeout ?? TimeSpan.FromSeconds(60);

        var directory = System.IO.Directory.CreateTempSubdirectory("mlprimer-prometheus-").FullName;
        try
        {
            var rulesPath = Path.Combine(directory, "alerts.yml");
            AtomicFile.WriteAllText(rulesPath, RulesYaml(ruleList));
            AtomicFile.WriteAllText(Path.Combine(directory, "prometheus.yml"), ConfigYaml(targetList, interval, jobName, rulesPath));
            // Prometheus must be told its port: a picked port may be taken before it binds, so a start that reports
            // "address already in use" is retried on another one.
            return LoopbackPort.Retry(port => StartOn(port, directory, executable, timeout), pickPort);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    private static PrometheusProcess StartOn(int port, string directory, string executable, TimeSpan timeout)
    {
        ChildProcess started;
        try
        {
            started = ChildProcess.Start(executable,
                ["--config.file", Path.Combine(directory, "prometheus.yml"), "--storage.tsdb.path", Path.Combine(directory, "data"),
                 "--web.listen-address", $"127.0.0.1:{port}", "--web.enable-lifecycle"], directory, maxLines: 200);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Could not run '{executable}' ({e.Message}). Install Prometheus: on Debian/Ubuntu 'apt-get install prometheus' (scripts/setup.sh does it).", e);
        }
        ChildProcess? watchdog = null;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            try { started.WaitUntil(() => Answers(http, "-/ready", null), timeout, "become ready", TimeSpan.FromMilliseconds(100)); }
            catch (InvalidOperationException) when (started.ExitedWithAddressInUse)
            {
                throw new AddressInUseException($"127.0.0.1:{port} was taken before prometheus could bind it.");
            }
            // Whoever answered must be this Prometheus (its database folder is ours), not another server that held the port.
            if (!Answers(http, "api/v1/status/flags", Path.Combine(directory, "data")))
                throw new AddressInUseException($"127.0.0.1:{port} is served by another program, not by prometheus {started.Id}.");
            watchdog = started.StartWatchdog(Environment.ProcessId, directory);
            var server = new PrometheusProcess(started, watchdog, directory, port);
            started.Owner = server;
            started.AfterExit = () => TryDelete(directory);
            return server;
        }
        catch
        {
            watchdog?.Dispose();
            started.Dispose();
            throw;
        }
    }

    // True when GET path answers 200 (and its body contains mustContain, when given).
    private static bool Answers(HttpClient http, string path, string? mustContain)
    {
        try
        {
            using var response = http.GetAsync(path).GetAwaiter().GetResult();
            return response.StatusCode == HttpStatusCode.OK
                && (mustContain is null || response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Contains(mustContain, StringComparison.Ordinal));
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    /// <summary>Stops Prometheus (kills the process tree, waits for it to exit) and deletes its temporary folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _process.Dispose();
        _watchdog.Dispose();
        Client.Dispose();
        TryDelete(Directory);
    }

    /// <summary>The last lines Prometheus wrote to its log (for error messages).</summary>
    public string LogTail() => _process.Output;

    /// <summary>Stops every Prometheus this process started and has not stopped yet (the notebook kernel calls it when it is disposed).</summary>
    public static void StopAll() => ChildProcess.DisposeOwners<PrometheusProcess>();

    private static void TryDelete(string directory)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try { if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true); return; }
            catch (IOException) { Thread.Sleep(100); }
            catch (UnauthorizedAccessException) { Thread.Sleep(100); }
        }
    }

    internal static string ConfigYaml(IReadOnlyList<Uri> targets, TimeSpan interval, string jobName, string rulesPath)
    {
        var ms = ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        var text = new StringBuilder();
        text.AppendLine("# Written by MLPrimer.Monitoring.PrometheusProcess for one experiment; deleted when it stops.");
        text.AppendLine("global:");
        text.AppendLine($"  scrape_interval: {ms}");
        text.AppendLine($"  evaluation_interval: {ms}");
        text.AppendLine($"  scrape_timeout: {ms}");
        text.AppendLine("rule_files:");
        text.AppendLine($"  - {Quote(rulesPath)}");
        text.AppendLine("scrape_configs:");
        text.AppendLine($"  - job_name: {jobName}");
        text.AppendLine($"    metrics_path: {Quote(targets[0].AbsolutePath)}");
        text.AppendLine("    static_configs:");
        text.AppendLine("      - targets: [" + string.Join(", ", targets.Select(t => Quote($"{t.Host}:{t.Port}"))) + "]");
        return text.ToString();
    }

    internal static string RulesYaml(IReadOnlyList<AlertRule> rules)
    {
        var text = new StringBuilder();
        text.AppendLine("groups:");
        text.AppendLine("  - name: mlprimer");
        text.AppendLine("    rules:" + (rules.Count == 0 ? " []" : ""));
        foreach (var r in rules)
        {
            text.AppendLine($"      - alert: {r.Name}");
            text.AppendLine($"        expr: {Quote(r.Expression)}");
            text.AppendLine($"        for: {((long)r.For.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms");
            text.AppendLine("        annotations:");
            text.AppendLine($"          summary: {Quote(r.Summary ?? "")}");
        }
        return text.ToString();
    }

    // A YAML single-quoted scalar: the only escape is '' for a quote; line breaks become spaces.
    private static string Quote(string value) => "'" + value.Replace("'", "''").Replace('\n', ' ').Replace('\r', ' ') + "'";
}
