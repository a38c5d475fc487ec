namespace ModelServer;

/// <summary>Reads a request body within Kestrel's size limit; over the limit the answer is a 413 problem, never an exception.</summary>
public static class RequestBody
{
    /// <summary>The body's bytes, or the problem to answer instead (413 too large, 400 or 408 for a broken upload).</summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadAsync(HttpContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
        }
        catch (BadHttpRequestException ex)
        {
            string detail = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the body is larger than the limit of {context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0} bytes; send fewer rows per request."
                : "the request body could not be read completely.";
            return (default, Results.Problem(detail, statusCode: ex.StatusCode, title: ex.StatusCode == 413 ? "Request body too large" : "Bad request body"));
        }
    }

    /// <summary>A 400 problem with <paramref name="detail"/> (a message written for clients: no type names, paths or stack traces).</summary>
    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}
