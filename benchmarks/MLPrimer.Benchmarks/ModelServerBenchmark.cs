using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLPrimer.Benchmarks.Baseline;
using MLPrimer.Device;
using MLPrimer.Serving;
using TorchSharp;

namespace MLPrimer.Benchmarks;

/// <summary>
/// services/ModelServer (Kestrel) serving a TorchSharp model and an ONNX Runtime model, against the chapter's old
/// HttpListener PredictionServer serving the same TorchSharp model in this process: open-loop p50/p99 at several offered
/// rates and closed-loop throughput and p50/p99 at several concurrencies, one-row requests of 30 features, all in the same run.
/// </summary>
public sealed class ModelServerBenchmark : IBenchmark
{
    private const int FeatureCount = 30;
    private static readonly double[] Rates = [250, 1000, 2000];
    private static readonly int[] Concurrencies = [1, 8, 64];

    /// <inheritdoc />
    public string Name => "modelserver";

    /// <inheritdoc />
    public string Description => "ModelServer (TorchSharp and ONNX Runtime) vs the HttpListener PredictionServer: open-loop p50/p99, closed-loop req/s";

    private sealed class Row
    {
        public bool Label { get; set; }

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    /// <inheritdoc />
    public void Run(TextWriter output)
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
        string root = Directory.CreateTempSubdirectory("modelserver-bench-").FullName;
        try { RunIn(root, output); }
        finally { Directory.Delete(root, recursive: true); }
    }

    private static void RunIn(string root, TextWriter output)
    {
        var rng = new Random(27);
        float[][] rows = Enumerable.Range(0, 512).Select(_ => Enumerable.Range(0, FeatureCount).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var registry = new ModelRegistry(root);
        torch.manual_seed(27);
        var torchModel = new TabularClassifier(new float[FeatureCount], Enumerable.Repeat(1f, FeatureCount).ToArray(), hidden: 32);
        torchModel.eval();
        torchModel.Register(registry);
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = r, Label = r[0] + r[1] > 0 }));
        var mlModel = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(data);
        using var onnx = new MemoryStream();
        ml.Model.ConvertToOnnx(mlModel, data, onnx);
        registry.Register(s => s.Write(onnx.ToArray()), new Dictionary<string, string> { ["format"] = "onnx", ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture) });

        string[] newBodies = rows.Select(r => JsonSerializer.Serialize(new { features = new[] { r } })).ToArray();
        string[] oldBodies = rows.Select(r => JsonSerializer.Serialize(new { X = new[] { r } })).ToArray();
        using var peer = new PredictionServer(x => torchModel.PredictProba(x), "v1");
        using var peerClient = LoadGenerator.CreateClient();
        var peerUri = new Uri(peer.BaseAddress, "predict");
        var peerResults = Measure(peerClient, peerUri, i => oldBodies[i % oldBodies.Length]);

        var table = new List<string[]> { new[] { "model", "load", "ModelServer", "HttpListener (TorchSharp)", "ModelServer / HttpListener" } };
        foreach (var (label, version) in new[] { ("TorchSharp", "v1"), ("ONNX Runtime", "v2") })
        {
            using var server = ModelServerProcess.Start(root, "--version", version);
            var ours = Measure(server.Client, new Uri(server.BaseAddress, "predict"), i => newBodies[i % newBodies.Length]);
            foreach (var (key, (value, unit)) in ours)
            {
                var (peerValue, _) = peerResults[key];
                table.Add(new[] { label, key, $"{value:F2} {unit}", $"{peerValue:F2} {unit}", (value / peerValue).ToString("F2", CultureInfo.InvariantCulture) });
            }
        }
        HashingBenchmark.Print(output, table);
        output.WriteLine();
        output.WriteLine("Open loop: requests sent on a schedule (1 s of requests per rate), latency from the scheduled time, p50/p99 in ms.");
        output.WriteLine("Closed loop: C clients, each sending its next request when answered; answered requests per second, p50/p99 in ms");
        output.WriteLine("(a closed loop's percentiles hide stalls: coordinated omission, chapter 27).");
        output.WriteLine("All servers and the load generator share this machine's cores; the HttpListener server runs inside the benchmark process.");
    }

    private static Dictionary<string, (double Value, string Unit)> Measure(HttpClient client, Uri uri, Func<int, string> body)
    {
        var results = new Dictionary<string, (double, string)>();
        LoadGenerator.RunAsync(client, uri, body, concurrency: 8, requests: 2000).GetAwaiter().GetResult();   // warm-up
        foreach (var rate in Rates)
        {
            var r = LoadGenerator.RunOpenLoopAsync(client, uri, body, rate, (int)rate).GetAwaiter().GetResult();
            results[$"open {rate:F0}/s p50"] = (r.Latency.P50, "ms");
            results[$"open {rate:F0}/s p99"] = (r.Latency.P99, "ms");
        }
        foreach (var c in Concurrencies)
        {
            var r = LoadGenerator.RunAsync(client, uri, body, concurrency: c, requests: Math.Max(1000, 100 * c)).GetAwaiter().GetResult();
            results[$"closed C={c} req/s"] = (r.Throughput, "req/s");
            results[$"closed C={c} p50"] = (r.Latency.P50, "ms");
            results[$"closed C={c} p99"] = (r.Latency.P99, "ms");
        }
        return results;
    }
}
