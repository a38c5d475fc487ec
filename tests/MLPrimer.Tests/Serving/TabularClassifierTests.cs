using MLPrimer.Serving;
using TorchSharp;

namespace MLPrimer.Tests.Serving;

public class TabularClassifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-tabular-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ProbabilitiesAreTheSoftmaxOfStandardisedLogitsAndSurviveTheRegistry()
    {
        // mean (1, 0), std (2, 1); class-1 row of the weight (1, 0), class-0 row zeros: p1 = sigmoid((x0 - 1) / 2).
        var model = new TabularClassifier([1f, 0f], [2f, 1f], hidden: 0);
        using (torch.no_grad())
        {
            var p = model.named_parameters().ToDictionary(n => n.name, n => n.parameter);
            p["net.weight"].copy_(torch.tensor(new float[] { 0, 0, 1, 0 }, [2, 2]));
            p["net.bias"].zero_();
        }
        float[][] rows = [[5, 9], [1, -3], [-3, 0]];
        var expected = rows.Select(r => 1 / (1 + Math.Exp(-(r[0] - 1) / 2.0))).ToArray();     // 0.8808, 0.5, 0.1192
        var got = model.PredictProba(rows);
        for (int i = 0; i < rows.Length; i++) Assert.Equal(expected[i], got[i], 1e-6);

        var registry = new ModelRegistry(_dir);
        var version = model.Register(registry, new Dictionary<string, string> { ["description"] = "hand-set" });
        Assert.Equal(TabularClassifier.Format, version.Metadata["format"]);
        Assert.Equal("2", version.Metadata["features"]);
        Assert.Equal("hand-set", version.Metadata["description"]);
        Assert.Equal(got, TabularClassifier.Load(version).PredictProba(rows));
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Equal("std", Assert.Throws<ArgumentException>(() => new TabularClassifier([0f, 0f], [1f], 0)).ParamName);
        Assert.Equal("hidden", Assert.Throws<ArgumentException>(() => new TabularClassifier([0f], [1f], -1)).ParamName);
        var model = new TabularClassifier([0f, 0f], [1f, 1f], 3);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => model.PredictProba([[1f]])).ParamName);
        Assert.Empty(model.PredictProba([]));
    }
}
