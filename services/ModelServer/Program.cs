// The model server: POST /predict, GET /health, /ready, /metrics, and the /admin endpoints (reload, rollback, canary, shadow).
// Usage: dotnet run --project services/ModelServer -- --model REGISTRY_FOLDER --urls http://127.0.0.1:PORT   (README.md, "The model server")
using System.Diagnostics;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ModelServer;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);
ServerOptions options;
try { options = ServerOptions.From(builder.Configuration); }
catch (ArgumentException ex) { Console.Error.WriteLine($"ModelServer: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", "")}"); return 2; }

if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5000");   // loopback unless told otherwise
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;                 // larger bodies: 413
    kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
    kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
    kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);          // slow-loris headers are cut off
    kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
    kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
});
builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(20));   // drain in-flight requests on SIGTERM
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(json => json.JsonWriterOptions = new() { Indented = false });
builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
builder.Services.AddProblemDetails();
builder.Services.AddSingleton(options);
builder.Services.AddSingleton<ServerMetrics>();
builder.Services.AddSingleton<ModelRouter>();
builder.Services.AddHostedService<ParentWatcher>();
Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true, SuppressEventCounters = true, SuppressDebugMetrics = true });

var app = builder.Build();
var metrics = app.Services.GetRequiredService<ServerMetrics>();
var router = app.Services.GetRequiredService<ModelRouter>();
JsonLinesWriter? requestLog = options.RequestLog is { } logPath ? new JsonLinesWriter(logPath) : null;

// Every request is counted by endpoint and status, whatever answered it (a handler, a problem, 404/405/413).
app.Use(async (context, next) =>
{
    long start = Stopwatch.GetTimestamp();
    metrics.InFlight.Inc();
    try { await next(context); }
    finally
    {
        metrics.InFlight.Dec();
        string endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        metrics.Requests.WithLabels(endpoint, context.Response.StatusCode.ToString()).Inc();
        metrics.Duration.WithLabels(endpoint).Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
});
app.UseExceptionHandler();      // an unexpected exception: 500 problem body, no stack trace
app.UseStatusCodePages();       // 404 and 405 get a problem body too

app.MapPost("/predict", (HttpContext context, ModelRouter r) => Predict.HandleAsync(context, r, metrics, requestLog));
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.MapGet("/ready", () => router.Champion is { } c
    ? Results.Ok(new { status = "ready", model_version = c.Version, runtime = c.Model.Runtime })
    : Results.Problem("no model is loaded yet.", statusCode: 503, title: "Not ready"));
app.MapMetrics("/metrics").WithMetadata(new HttpMethodMetadata(["GET"]));
app.MapGet("/admin/status", () => Results.Ok(new
{
    model_version = router.Champion?.Version, history = router.History, registered = router.Registered,
    canary = router.CanaryState is { } c ? new { version = c.Version, percent = c.Percent } : null, shadow = router.ShadowVersion,
}));
app.MapPost("/admin/reload", (HttpContext context, ModelRouter r) => Admin.ReloadAsync(context, r));
app.MapPost("/admin/rollback", () => Admin.Rollback(router));
app.MapPost("/admin/canary", (HttpContext context, ModelRouter r) => Admin.CanaryAsync(context, r));
app.MapPost("/admin/shadow", (HttpContext context, ModelRouter r) => Admin.ShadowAsync(context, r));

await app.StartAsync();
var addresses = app.Urls.ToArray();
foreach (var address in addresses) Console.WriteLine($"ModelServer listening on {address}");    // the launcher reads this line (port 0: the real port)
try { router.LoadInitial(); }
catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or InvalidDataException or IOException or ArgumentException)
{
    Console.Error.WriteLine($"ModelServer: cannot load a model: {ex.Message}");
    await app.StopAsync();
    return 3;
}
await app.WaitForShutdownAsync();
router.Dispose();
requestLog?.Dispose();
return 0;
