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

    private readonly InferenceSession session;
    private readonly string input, output;
    private readonly bool oneRowAtATime;

    /// <summary>Opens the ONNX file of <paramref name="version"/> with one intra-op thread (requests run in parallel instead).</summary>
    public OnnxServedModel(ModelVersion version)
    {
        Version = version.Label;
        Features = int.Parse(version.Metadata["features"], CultureInfo.InvariantCulture);
        input = version.Metadata.GetValueOrDefault("onnx_input", "Features");
        output = version.Metadata.GetValueOrDefault("onnx_output", "Probability.output");
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        session = new InferenceSession(version.ModelPath, options);
        if (!session.InputMetadata.ContainsKey(input)) throw new InvalidDataException($"{Version}: the ONNX graph has no input \"{input}\".");
        if (!session.OutputMetadata.ContainsKey(output)) throw new InvalidDataException($"{Version}: the ONNX graph has no output \"{output}\".");
        oneRowAtATime = session.InputMetadata[input].Dimensions is [1, ..];
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
        if (!oneRowAtATime) return Run(rows);
        return rows.SelectMany(r => Run([r])).ToArray();
    }

    private float[] Run(float[][] rows)
    {
        int n = rows.Length;
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [n, Features])),
        };
        foreach (var (name, meta) in session.InputMetadata.Where(p => p.Key != input))
            inputs.Add(Zeros(name, meta, n));
        using var results = session.Run(inputs, [output]);
        var scores = results[0].AsEnumerable<float>().ToArray();
        if (scores.Length != n) throw new InvalidDataException($"{Version}: the ONNX output \"{output}\" has {scores.Length} values for {n} rows.");
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
