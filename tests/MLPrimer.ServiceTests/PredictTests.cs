using System.Net;
using System.Text;
using System.Text.Json;

namespace MLPrimer.ServiceTests;

public class PredictTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> Post(string path, string body)
    {
        using var response = await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PredictAnswersTheServingModelsScores()
    {
        var (status, _, body) = await Post("predict", """{"features": [[2, 0, 0, 0], [-1, 5, 5, 5]]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("v1", json.GetProperty("model_version").GetString());
        var scores = json.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(TestRegistry.Score("v1", [2, 0, 0, 0]), scores[0], 1e-6);       // sigmoid(2) = 0.880797
        Assert.Equal(TestRegistry.Score("v1", [-1, 5, 5, 5]), scores[1], 1e-6);      // sigmoid(-1) = 0.268941
        Assert.Equal([1, 0], json.GetProperty("predictions").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1.0, json.GetProperty("propensity").GetDouble());
    }

    [Fact]
    public async Task HealthAndReadyAnswer()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("health")).StatusCode);
        var ready = JsonDocument.Parse(await Client.GetStringAsync("ready")).RootElement;
        Assert.Equal("v1", ready.GetProperty("model_version").GetString());
        Assert.Equal("torchsharp", ready.GetProperty("runtime").GetString());
    }
}
