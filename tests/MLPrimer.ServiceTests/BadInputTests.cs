using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace MLPrimer.ServiceTests;

/// <summary>Every kind of bad request gets its status and an application/problem+json body without internals, and the server keeps answering.</summary>
public class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "malformed JSON", """{"features": [[1, 2""", "not valid JSON" },
        { "not an object", """[[1, 2, 3, 4]]""", "must be a JSON object" },
        { "features is a string", """{"features": "1,2,3,4"}""", "must be a list of rows" },
        { "a cell is a string", """{"features": [["1", 2, 3, 4]]}""", "must be a number" },
        { "a cell is null", """{"features": [[null, 2, 3, 4]]}""", "must be a number" },
        { "a row is a number", """{"features": [5]}""", "must be a list of numbers" },
        { "missing features", """{"rows": [[1, 2, 3, 4]]}""", "\"features\" is missing" },
        { "ragged rows", """{"features": [[1, 2, 3, 4], [1, 2, 3]]}""", "ragged" },
        { "wrong feature count", """{"features": [[1, 2]]}""", "needs 4 features; got 2" },
        { "NaN", """{"features": [[NaN, 2, 3, 4]]}""", "no NaN or Infinity" },
        { "Infinity", """{"features": [[Infinity, 2, 3, 4]]}""", "no NaN or Infinity" },
        { "beyond float range", """{"features": [[1e39, 2, 3, 4]]}""", "outside the range of a 32-bit float" },
        { "beyond double range", """{"features": [[1e400, 2, 3, 4]]}""", "outside the range of a 32-bit float" },
        { "empty row list", """{"features": []}""", "empty list" },
        { "empty row", """{"features": [[]]}""", "row 0 is empty" },
        { "empty body", "", "the body is empty" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBodiesGet400WithAProblemBody(string what, string body, string expected)
    {
        using var response = await Client.PostAsync("predict", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        await AssertProblem(response, 400, expected);
        await AssertStillHealthy();
    }

    [Fact]
    public async Task ABodyOverTheLimitGets413()
    {
        string row = "[" + string.Join(",", Enumerable.Repeat("0.123456789", TestRegistry.Features)) + "]";
        string big = "{\"features\": [" + string.Join(",", Enumerable.Repeat(row, 30_000)) + "]}";      // about 1.5 MB
        Assert.True(big.Length > (1 << 20));
        using var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = new StringContent(big, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;      // as curl does for large bodies: the 413 arrives before the body is sent
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblem(response, 413, "larger than the limit of 1048576 bytes");
        await AssertStillHealthy();
    }

    [Fact]
    public async Task A50MegabyteBodyGets413()
    {
        var body = new ByteArrayContent(new byte[50 * 1024 * 1024]);
        body.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = body };
        request.Headers.ExpectContinue = true;
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblem(response, 413, "larger than the limit");
        await AssertStillHealthy();
    }

    [Theory]
    [InlineData("GET", "predict")]
    [InlineData("PUT", "predict")]
    [InlineData("POST", "health")]
    [InlineData("DELETE", "metrics")]
    public async Task AWrongMethodGets405(string method, string path)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await AssertProblem(response, 405, null);
        await AssertStillHealthy();
    }

    [Theory]
    [InlineData("nothing-here")]
    [InlineData("predict/extra")]
    [InlineData("admin")]
    public async Task AnUnknownPathGets404(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertProblem(response, 404, null);
        await AssertStillHealthy();
    }

    [Fact]
    public async Task HostLocalhostIsServed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = new StringContent("""{"features": [[0, 0, 0, 0]]}""", Encoding.UTF8, "application/json") };
        request.Headers.Host = "localhost";
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TwoHundredConcurrentConnectionsAreServed()
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 200, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = fixture.Server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var until = DateTime.UtcNow.AddSeconds(3);
        int ok = 0, failed = 0;
        await Task.WhenAll(Enumerable.Range(0, 200).Select(async w =>
        {
            do
            {
                try
                {
                    using var response = await client.PostAsync("predict", new StringContent($$"""{"features": [[{{w % 7}}, 1, 2, 3]]}""", Encoding.UTF8, "application/json"));
                    if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref ok); else Interlocked.Increment(ref failed);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref failed); }
            } while (DateTime.UtcNow < until);
        }));
        Assert.Equal(0, failed);
        Assert.True(ok >= 200, $"{ok} answers");
        await AssertStillHealthy();
    }

    [Fact]
    public async Task ASlowClientIsCutOffAndOthersAreServed()
    {
        // Headers that never finish (slow loris): Kestrel's header timeout closes the connection; meanwhile others are served.
        using var socket = new TcpClient();
        await socket.ConnectAsync(fixture.Server.BaseAddress.Host, fixture.Server.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        await AssertStillHealthy();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        int read;
        try { read = await stream.ReadAsync(buffer, timeout.Token); }
        catch (IOException) { read = 0; }
        string answer = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.True(read == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), answer);
    }

    [Fact]
    public async Task MetricsCountRequestsByStatus()
    {
        using var _ = await Client.PostAsync("predict", new StringContent("""{"features": [[1, 2]]}""", Encoding.UTF8, "application/json"));
        string metrics = await Client.GetStringAsync("metrics");
        Assert.Matches(@"modelserver_requests_total\{endpoint=""/predict"",status=""400""\} [1-9]", metrics);
        foreach (var name in new[] { "modelserver_request_duration_seconds_bucket", "modelserver_batch_size_bucket", "modelserver_prediction_score_bucket{le=\"0.1\"}" })
            Assert.Contains(name, metrics);
        Assert.Contains("modelserver_model_info{version=\"v1\"} 1", metrics);
    }

    private async Task AssertStillHealthy()
    {
        using var health = await Client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    internal static async Task AssertProblem(HttpResponseMessage response, int status, string? detailContains)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        if (detailContains is not null) Assert.Contains(detailContains, problem.GetProperty("detail").GetString());
        foreach (var leak in new[] { "Exception", "System.", "Microsoft.", "   at ", "/tmp/", "/work/", "/home/", ".cs:line" })
            Assert.DoesNotContain(leak, text);
    }
}
