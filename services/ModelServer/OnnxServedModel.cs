using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLPrimer.Serving;

namespace ModelServer;

/// <summary>
/// An ONNX graph run by ONNX Runtime, e.g. an ML.NET pipeline exported with Microsoft.ML.OnnxConverter. Registry metadata:
/// <c>format=onnx</c>, <c>features</c>, and optionally <c>onnx_input</c> (default "Features") and <c>onnx_output</c> (default
/// "Probability.output"). Other graph inputs (ML.NET's exported <c>Label</c>) get zeros: they do not affect the output.
/// </summary>
public sealed class OnnxServedModel : IServedModel
{
    /// <summary>The registry metadata value of <c>format</c> for an ONNX model.</summary>
    public const string Format = "onnx";

    private readonly InferenceSession _session;
    private readonly string _input, _output;
    private readonly bool _oneRowAtATime;

    /// <summary>Opens the ONNX file of <paramref name="version"/> with one intra-op thread (requests run in parallel instead).</summary>
    public OnnxServedModel(ModelVersion version)
    {
        Version = version.Label;
        Features = int.Parse(version.Metadata["features"], CultureInfo.InvariantCulture);
        _input = version.Metadata.GetValueOrDefault("onnx_input", "Features");
        _output = version.Metadata.GetValueOrDefault("onnx_output", "Probability.output");
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(version.ModelPath, options);
        if (!_session.InputMetadata.ContainsKey(_input)) throw new InvalidDataException($"{Version}: the ONNX graph has no input \"{_input}\".");
        if (!_session.OutputMetadata.ContainsKey(_output)) throw new InvalidDataException($"{Version}: the ONNX graph has no output \"{_output}\".");
        _oneRowAtATime = _session.InputMetadata[_input].Dimensions is [1, ..];
    }

    /// <inheritdoc />
    public string Version { get; }

    /// <inheritdoc />
    public int Features { get; }

    /// <inheritdoc />
    public string Runtime => "onnxruntime";

    /// <inheritdoc />
    public float[] Score(float[][] rows)
    {
        if (!_oneRowAtATime) return Run(rows);
        return rows.SelectMany(r => Run([r])).ToArray();
    }

    private float[] Run(float[][] rows)
    {
        int n = rows.Length;
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor(_input, new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [n, Features])),
        };
        foreach (var (name, meta) in _session.InputMetadata.Where(p => p.Key != _input))
            inputs.Add(Zeros(name, meta, n));
        using var results = _session.Run(inputs, [_output]);
        var scores = results[0].AsEnumerable<float>().ToArray();
        if (scores.Length != n) throw new InvalidDataException($"{Version}: the ONNX output \"{_output}\" has {scores.Length} values for {n} rows.");
        return scores;
    }

    private static NamedOnnxValue Zeros(string name, NodeMetadata meta, int n)
    {
        int[] shape = meta.Dimensions.Select(d => d < 0 ? n : d).ToArray();
        if (shape.Length == 0) shape = [n];
        int size = shape.Aggregate(1, (a, b) => a * b);
        var type = meta.ElementType;
        if (type == typeof(bool)) return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>(new bool[size], shape));
        if (type == typeof(long)) return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(new long[size], shape));
        if (type == typeof(int)) return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(new int[size], shape));
        if (type == typeof(uint)) return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<uint>(new uint[size], shape));
        if (type == typeof(double)) return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(new double[size], shape));
        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(new float[size], shape));
    }
}
