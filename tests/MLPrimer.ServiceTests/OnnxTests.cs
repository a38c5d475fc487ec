using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLPrimer.Serving;

namespace MLPrimer.ServiceTests;

/// <summary>An ML.NET model exported to ONNX (Microsoft.ML.OnnxConverter) and served by ONNX Runtime answers ML.NET's own probabilities.</summary>
public sealed class OnnxTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("modelserver-onnx-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Example
    {
        public bool Label { get; set; }

        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Scored
    {
        public float Probability { get; set; }
    }

    [Fact]
    public async Task OnnxRuntimeReproducesMLNetsProbabilities()
    {
        var rng = new Random(3);
        var examples = Enumerable.Range(0, 400).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            return new Example { Features = x, Label = x[0] - 0.5 * x[1] + 0.3 * (rng.NextDouble() - 0.5) > 0 };
        }).ToArray();
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(examples);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(data);
        using var onnx = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, onnx);
        var registry = new ModelRegistry(_root);
        registry.Register(s => s.Write(onnx.ToArray()), new Dictionary<string, string> { ["format"] = "onnx", ["features"] = "4" });

        var rows = examples.Take(50).Select(e => e.Features).ToArray();
        var expected = ml.Data.CreateEnumerable<Scored>(model.Transform(ml.Data.LoadFromEnumerable(examples.Take(50))), reuseRowObject: false).Select(s => s.Probability).ToArray();
        using var server = ModelServerProcess.Start(_root);
        Assert.Contains("onnxruntime", await server.Client.GetStringAsync("ready"));
        using var response = await server.Client.PostAsync("predict", new StringContent(JsonSerializer.Serialize(new { features = rows }), Encoding.UTF8, "application/json"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var scores = json.GetProperty("scores").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(50, scores.Length);
        Assert.All(expected.Zip(scores), p => Assert.Equal(p.First, p.Second, 1e-5f));
        Assert.Contains(expected, p => p < 0.1f);                    // the check covers both classes, not a constant
        Assert.Contains(expected, p => p > 0.9f);
        // A wrong feature count is refused before ONNX Runtime sees it.
        using var bad = await server.Client.PostAsync("predict", new StringContent("""{"features": [[1, 2, 3]]}""", Encoding.UTF8, "application/json"));
        await BadInputTests.AssertProblem(bad, 400, "needs 4 features; got 3");
    }
}
