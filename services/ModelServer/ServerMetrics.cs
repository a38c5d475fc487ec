using Prometheus;

namespace ModelServer;

/// <summary>The Prometheus series the server exports at /metrics (prometheus-net, default registry).</summary>
public sealed class ServerMetrics
{
    /// <summary>Requests answered, by endpoint (route pattern, or "unmatched") and status code.</summary>
    public Counter Requests { get; } = Metrics.CreateCounter("modelserver_requests_total", "Requests answered, by endpoint and HTTP status.", "endpoint", "status");

    /// <summary>Requests being handled right now (a scrape of /metrics counts itself).</summary>
    public Gauge InFlight { get; } = Metrics.CreateGauge("modelserver_requests_in_flight", "Requests being handled now, this scrape included.");

    /// <summary>Server-side request latency.</summary>
    public Histogram Duration { get; } = Metrics.CreateHistogram("modelserver_request_duration_seconds", "Server-side request latency in seconds, by endpoint.",
        new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });

    /// <summary>Rows per model call (a whole request, or a dynamic batch).</summary>
    public Histogram BatchSize { get; } = Metrics.CreateHistogram("modelserver_batch_size", "Rows per model call.",
        new HistogramConfiguration { Buckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    /// <summary>1 for the version serving as champion.</summary>
    public Gauge ModelInfo { get; } = Metrics.CreateGauge("modelserver_model_info", "1 for the model version serving as champion.", "version");

    /// <summary>Positive-class scores returned to clients (all versions together).</summary>
    public Histogram Scores { get; } = Metrics.CreateHistogram("modelserver_prediction_score", "Positive-class probability of each predicted row.",
        new HistogramConfiguration { Buckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] });

    /// <summary>Rows predicted, by the version that answered.</summary>
    public Counter Predictions { get; } = Metrics.CreateCounter("modelserver_predictions_total", "Rows predicted, by model version.", "version");

    /// <summary>Model failures (an exception or a non-finite score), by version.</summary>
    public Counter ModelErrors { get; } = Metrics.CreateCounter("modelserver_model_errors_total", "Model calls that failed or returned a non-finite score, by version.", "version");

    /// <summary>Current canary share in percent (0: no canary).</summary>
    public Gauge CanaryPercent { get; } = Metrics.CreateGauge("modelserver_canary_percent", "Share of requests routed to the canary version, in percent.", "version");

    /// <summary>Automatic canary rollbacks, by reason.</summary>
    public Counter CanaryRollbacks { get; } = Metrics.CreateCounter("modelserver_canary_rollbacks_total", "Canaries ended by the automatic rollback rule, by reason.", "version", "reason");

    /// <summary>Requests copied to the shadow model.</summary>
    public Counter ShadowRequests { get; } = Metrics.CreateCounter("modelserver_shadow_requests_total", "Requests the shadow model scored.", "version");

    /// <summary>Rows where the shadow model's label differs from the champion's.</summary>
    public Counter ShadowDisagreements { get; } = Metrics.CreateCounter("modelserver_shadow_disagreements_total", "Rows where the shadow model's label differed from the champion's.", "version");

    /// <summary>Shadow copies dropped because the shadow queue was full (the hot path never waits for the shadow).</summary>
    public Counter ShadowDropped { get; } = Metrics.CreateCounter("modelserver_shadow_dropped_total", "Shadow copies dropped because the shadow queue was full.");
}
