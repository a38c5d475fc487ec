using System.Diagnostics;

namespace ModelServer;

/// <summary>POST /predict: validate, route (champion or canary), score, answer; then shadow copy and request log off the hot path.</summary>
public static class Predict
{
    private static long _nextRequestId;

    /// <summary>Answers one /predict request.</summary>
    public static async Task<IResult> HandleAsync(HttpContext context, ModelRouter router, ServerMetrics metrics, JsonLinesWriter? requestLog)
    {
        long start = Stopwatch.GetTimestamp();
        long id = Interlocked.Increment(ref _nextRequestId);
        if (router.Champion is null) return Results.Problem("no model is loaded yet; retry when /ready answers 200.", statusCode: 503, title: "Not ready");
        var (body, tooLarge) = await RequestBody.ReadAsync(context);
        if (tooLarge is not null) return tooLarge;
        var (rows, problem) = PredictRequest.Parse(body);
        if (rows is null) return Log(RequestBody.BadRequest(problem!), 400, 0, "");

        var choice = router.Choose();
        var model = choice.Model;
        if (rows[0].Length != model.Model.Features)
            return Log(RequestBody.BadRequest($"each row needs {model.Model.Features} features; got {rows[0].Length}."), 400, rows.Length, model.Version);

        float[] scores;
        try
        {
            scores = await model.ScoreAsync(rows);
            if (scores.Any(s => !float.IsFinite(s))) throw new InvalidDataException("non-finite score");
        }
        catch (Exception ex)
        {
            metrics.ModelErrors.WithLabels(model.Version).Inc();
            if (choice.IsCanary) router.RecordCanary(model.Version, ok: false, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            context.RequestServices.GetRequiredService<ILogger<ModelRouter>>().LogError(ex, "Model {Version} failed on request {RequestId}", model.Version, id);
            return Log(Results.Problem($"model {model.Version} could not score this request.", statusCode: 500, title: "Model error"), 500, rows.Length, model.Version);
        }
        if (choice.IsCanary) router.RecordCanary(model.Version, ok: true, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        foreach (var s in scores) metrics.Scores.Observe(s);
        metrics.Predictions.WithLabels(model.Version).Inc(rows.Length);
        if (!choice.IsCanary) router.Shadow(id, rows, model.Version, scores);
        return Log(Results.Json(new
        {
            predictions = scores.Select(ModelRouter.Label).ToArray(),
            scores,
            model_version = model.Version,
            propensity = choice.Propensity,
            request_id = id,
        }), 200, rows.Length, model.Version);

        IResult Log(IResult result, int status, int rowCount, string version)
        {
            requestLog?.Write(new
            {
                Time = DateTime.UtcNow, RequestId = id, Status = status, Rows = rowCount, Version = version,
                LatencyMs = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 4),
            });
            return result;
        }
    }
}
