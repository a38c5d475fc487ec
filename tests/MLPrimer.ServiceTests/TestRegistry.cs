using MLPrimer.Device;
using MLPrimer.Serving;
using TorchSharp;

namespace MLPrimer.ServiceTests;

/// <summary>
/// A model registry in a temp folder with hand-set models on 4 features, so expected answers are known without running a model:
/// v1 scores sigmoid(x0), v2 scores sigmoid(-x0) (they disagree on every row with x0 != 0), v3 (optional) answers NaN.
/// Softmax over two logits (0, z) gives class 1 the probability sigmoid(z), so a weight row (0, 0, 0, 0) / (±1, 0, 0, 0) does it.
/// </summary>
public sealed class TestRegistry : IDisposable
{
    public const int Features = 4;

    public TestRegistry(bool withNaNModel = false)
    {
        TorchNative.EnsureLoaded();
        Root = Directory.CreateTempSubdirectory("modelserver-registry-").FullName;
        var registry = new ModelRegistry(Root);
        Make(1f).Register(registry, new Dictionary<string, string> { ["description"] = "sigmoid(x0)" });
        Make(-1f).Register(registry, new Dictionary<string, string> { ["description"] = "sigmoid(-x0)" });
        if (withNaNModel) Make(float.NaN).Register(registry, new Dictionary<string, string> { ["description"] = "NaN" });
        registry.Promote(1);
    }

    public string Root { get; }

    public static double Score(string version, float[] row) => version switch
    {
        "v1" => 1 / (1 + Math.Exp(-row[0])),
        "v2" => 1 / (1 + Math.Exp(row[0])),
        _ => double.NaN,
    };

    private static TabularClassifier Make(float w)
    {
        var model = new TabularClassifier(new float[Features], Enumerable.Repeat(1f, Features).ToArray(), hidden: 0);
        using var noGrad = torch.no_grad();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var weight = new float[2 * Features];
        weight[Features] = w;                                   // row 1 (class 1): (w, 0, 0, 0); row 0: zeros
        parameters["net.weight"].copy_(torch.tensor(weight, [2, Features]));
        parameters["net.bias"].zero_();
        return model;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
