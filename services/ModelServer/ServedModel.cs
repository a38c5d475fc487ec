using MLPrimer.Serving;

namespace ModelServer;

/// <summary>A loaded model version: rows of features in, the positive-class probability per row out. Thread-safe.</summary>
public interface IServedModel
{
    /// <summary>The registry label, e.g. "v2".</summary>
    string Version { get; }

    /// <summary>The number of features a row must have.</summary>
    int Features { get; }

    /// <summary>The runtime that computes it ("torchsharp" or "onnxruntime").</summary>
    string Runtime { get; }

    /// <summary>The positive-class probability of each row.</summary>
    float[] Score(float[][] rows);
}

/// <summary>Loads a registry version with the runtime its metadata names.</summary>
public static class ServedModel
{
    /// <summary>The model of <paramref name="version"/>, after checking its file against the registered SHA-256.</summary>
    public static IServedModel Load(ModelRegistry registry, ModelVersion version)
    {
        if (!registry.Verify(version.Version)) throw new InvalidDataException($"{version.Label}: the model file does not match its registered SHA-256.");
        string format = version.Metadata.GetValueOrDefault("format", "");
        return format switch
        {
            TabularClassifier.Format => new TorchServedModel(version),
            OnnxServedModel.Format => new OnnxServedModel(version),
            _ => throw new InvalidDataException($"{version.Label}: unknown model format \"{format}\" (expected {TabularClassifier.Format} or {OnnxServedModel.Format})."),
        };
    }
}

/// <summary>A <see cref="TabularClassifier"/> run by TorchSharp (libtorch) on the CPU, one libtorch thread per call (requests run in parallel instead).</summary>
public sealed class TorchServedModel : IServedModel
{
    private readonly TabularClassifier _model;

    static TorchServedModel()
    {
        MLPrimer.Device.TorchNative.EnsureLoaded();      // TorchSharp's own libtorch, never a system one (Debian's libtorch-dev)
        TorchSharp.torch.set_num_threads(1);             // libtorch's threads spin-wait; on a small machine they starve the request threads
    }

    /// <summary>Loads <paramref name="version"/>.</summary>
    public TorchServedModel(ModelVersion version)
    {
        _model = TabularClassifier.Load(version);
        Version = version.Label;
    }

    /// <inheritdoc />
    public string Version { get; }

    /// <inheritdoc />
    public int Features => _model.Features;

    /// <inheritdoc />
    public string Runtime => "torchsharp";

    /// <inheritdoc />
    public float[] Score(float[][] rows) => _model.PredictProba(rows);
}
