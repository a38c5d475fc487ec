using System.Globalization;
using System.Text.Json;

namespace MLPrimer.Monitoring;

/// <summary>One series of an instant query: its labels and its value at the query time (Prometheus' vector result).</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, DateTimeOffset Time, double Value);

/// <summary>One series of a range query: its labels and its (time, value) points (Prometheus' matrix result).</summary>
public sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Points);

/// <summary>An alert as Prometheus reports it on /api/v1/alerts: name, state (pending or firing), when it became active, its labels.</summary>
public sealed record PromAlert(string Name, string State, DateTimeOffset ActiveAt, IReadOnlyDictionary<string, string> Labels);

/// <summary>A PromQL client for Prometheus' HTTP API: instant queries (/api/v1/query), range queries (/api/v1/query_range) and alerts (/api/v1/alerts).</summary>
public sealed class PrometheusClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A client for the Prometheus server at <paramref name="baseAddress"/> (e.g. http://127.0.0.1:9090/).</summary>
    public PrometheusClient(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri) throw new ArgumentException($"baseAddress must be an absolute URL; got '{baseAddress}'.", nameof(baseAddress));
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Evaluates <paramref name="promql"/> at <paramref name="time"/> (default: now) and returns one sample per series; a scalar result comes back as one sample without labels.</summary>
    public async Task<IReadOnlyList<PromSample>> QueryAsync(string promql, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        CheckQuery(promql);
        var form = new Dictionary<string, string> { ["query"] = promql };
        if (time is { } t) form["time"] = Seconds(t);
        using var data = await PostAsync("api/v1/query", form, cancellationToken);
        var root = data.RootElement.GetProperty("data");
        var result = root.GetProperty("result");
        return root.GetProperty("resultType").GetString() switch
        {
            "vector" => result.EnumerateArray().Select(s => Sample(Labels(s.GetProperty("metric")), s.GetProperty("value"))).ToArray(),
            "scalar" => [Sample(new Dictionary<string, string>(), result)],
            var other => throw new InvalidOperationException($"The query '{promql}' returned a {other}, not an instant vector or scalar."),
        };
    }

    /// <summary>Evaluates <paramref name="promql"/> every <paramref name="step"/> from <paramref name="start"/> to <paramref name="end"/> and returns one series per label set.</summary>
    public async Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        CheckQuery(promql);
        if (end < start) throw new ArgumentException($"end ({end:O}) must not be before start ({start:O}).", nameof(end));
        if (step <= TimeSpan.Zero) throw new ArgumentException($"step must be positive; got {step}.", nameof(step));
        var form = new Dictionary<string, string>
        {
            ["query"] = promql, ["start"] = Seconds(start), ["end"] = Seconds(end),
            ["step"] = step.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
        };
        using var data = await PostAsync("api/v1/query_range", form, cancellationToken);
        return data.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(s => new PromSeries(Labels(s.GetProperty("metric")),
                s.GetProperty("values").EnumerateArray().Select(v => { var p = Sample(new Dictionary<string, string>(), v); return (p.Time, p.Value); }).ToArray()))
            .ToArray();
    }

    /// <summary>The alerts that are pending or firing now.</summary>
    public async Task<IReadOnlyList<PromAlert>> AlertsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("api/v1/alerts", cancellationToken);
        using var data = await ReadAsync(response, "api/v1/alerts", cancellationToken);
        return data.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(a =>
        {
            var labels = Labels(a.GetProperty("labels"));
            var activeAt = a.TryGetProperty("activeAt", out var at) && at.ValueKind == JsonValueKind.String
                ? DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
            return new PromAlert(labels.GetValueOrDefault("alertname", ""), a.GetProperty("state").GetString() ?? "", activeAt, labels);
        }).ToArray();
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> PostAsync(string path, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(path, content, cancellationToken);
        return await ReadAsync(response, $"{path} ({form["query"]})", cancellationToken);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException) { throw new InvalidOperationException($"Prometheus answered {what} with HTTP {(int)response.StatusCode} and no JSON: {body}"); }
        if (document.RootElement.GetProperty("status").GetString() != "success")
        {
            var error = document.RootElement.TryGetProperty("error", out var e) ? e.GetString() : body;
            document.Dispose();
            throw new InvalidOperationException($"Prometheus rejected {what}: {error}");
        }
        return document;
    }

    private static void CheckQuery(string promql)
    {
        if (string.IsNullOrWhiteSpace(promql)) throw new ArgumentException("promql must be a non-empty PromQL expression.", nameof(promql));
    }

    private static string Seconds(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Labels(JsonElement metric) =>
        metric.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    // A point is [unix seconds, "value"]; values are strings, including "NaN", "+Inf" and "-Inf".
    private static PromSample Sample(IReadOnlyDictionary<string, string> labels, JsonElement point)
    {
        var seconds = point[0].GetDouble();
        var text = point[1].GetString() ?? "NaN";
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PromSample(labels, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)), value);
    }
}
