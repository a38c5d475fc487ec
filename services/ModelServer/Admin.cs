using System.Text.Json;

namespace ModelServer;

/// <summary>The /admin endpoints: reload (hot swap), rollback, canary and shadow. Loopback-only here; a real deployment puts them behind authentication.</summary>
public static class Admin
{
    /// <summary>POST /admin/reload, optional body <c>{"version": "v3"}</c> (default: the newest registered version).</summary>
    public static async Task<IResult> ReloadAsync(HttpContext context, ModelRouter router)
    {
        var (json, problem) = await ReadObjectAsync(context, allowEmpty: true);
        if (problem is not null) return problem;
        if (!TryVersion(json, "version", out string? version, out problem)) return problem!;
        return Run(() =>
        {
            var (now, previous) = router.Reload(version);
            return Results.Ok(new { model_version = now, previous });
        });
    }

    /// <summary>POST /admin/rollback: the champion before the current one serves again (409 when there is none).</summary>
    public static IResult Rollback(ModelRouter router) => Run(() =>
    {
        var (now, previous) = router.Rollback();
        return Results.Ok(new { model_version = now, previous });
    });

    /// <summary>POST /admin/canary <c>{"version": "v2", "percent": 10}</c>; percent 0 ends the canary.</summary>
    public static async Task<IResult> CanaryAsync(HttpContext context, ModelRouter router)
    {
        var (json, problem) = await ReadObjectAsync(context, allowEmpty: false);
        if (problem is not null) return problem;
        if (!TryVersion(json, "version", out string? version, out problem)) return problem!;
        if (!json!.Value.TryGetProperty("percent", out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out double percent) || percent < 0 || percent > 100)
            return RequestBody.BadRequest("\"percent\" must be a number between 0 and 100.");
        if (percent > 0 && version is null) return RequestBody.BadRequest("\"version\" is required when percent is above 0.");
        return Run(() =>
        {
            router.SetCanary(version, percent);
            return Results.Ok(new { canary = router.CanaryState is { } c ? new { version = c.Version, percent = c.Percent } : null });
        });
    }

    /// <summary>POST /admin/shadow <c>{"version": "v2"}</c>; <c>{"version": null}</c> ends shadowing.</summary>
    public static async Task<IResult> ShadowAsync(HttpContext context, ModelRouter router)
    {
        var (json, problem) = await ReadObjectAsync(context, allowEmpty: false);
        if (problem is not null) return problem;
        if (!TryVersion(json, "version", out string? version, out problem)) return problem!;
        return Run(() =>
        {
            router.SetShadow(version);
            return Results.Ok(new { shadow = router.ShadowVersion });
        });
    }

    private static IResult Run(Func<IResult> action)
    {
        try { return action(); }
        catch (KeyNotFoundException ex) { return Results.Problem(ex.Message, statusCode: 404, title: "Unknown model version"); }
        catch (InvalidOperationException ex) { return Results.Problem(ex.Message, statusCode: 409, title: "Conflict"); }
        catch (InvalidDataException ex) { return Results.Problem(ex.Message, statusCode: 422, title: "Model cannot be loaded"); }
    }

    private static async Task<(JsonElement? Json, IResult? Problem)> ReadObjectAsync(HttpContext context, bool allowEmpty)
    {
        var (body, problem) = await RequestBody.ReadAsync(context);
        if (problem is not null) return (null, problem);
        if (body.IsEmpty) return allowEmpty ? (null, null) : (null, RequestBody.BadRequest("the body must be a JSON object."));
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, RequestBody.BadRequest("the body must be a JSON object."));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException) { return (null, RequestBody.BadRequest("the body is not valid JSON.")); }
    }

    private static bool TryVersion(JsonElement? json, string name, out string? version, out IResult? problem)
    {
        version = null;
        problem = null;
        if (json is null || !json.Value.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return true;
        if (v.ValueKind != JsonValueKind.String) { problem = RequestBody.BadRequest($"\"{name}\" must be a version label like \"v2\" or null."); return false; }
        version = v.GetString();
        return true;
    }
}
