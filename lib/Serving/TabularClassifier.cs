using System.Globalization;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Serving;

/// <summary>
/// A binary classifier for rows of numeric features that carries its own standardisation (<c>mean</c>, <c>std</c> buffers):
/// logistic regression (<c>hidden = 0</c>) or one hidden ReLU layer. Chapter 27 trains it; <c>services/ModelServer</c> serves it
/// from a <see cref="ModelRegistry"/>, rebuilding the same modules from the version's metadata.
/// </summary>
public sealed class TabularClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>The registry metadata value of <c>format</c> for this model.</summary>
    public const string Format = "torchsharp-tabular";

    // Buffers: saved and loaded with the weights. [ComponentName] keeps the state_dict names the registry's files use.
    [TorchSharp.Utils.ComponentName(Name = "mean")]
    private readonly Tensor _mean;
    [TorchSharp.Utils.ComponentName(Name = "std")]
    private readonly Tensor _std;
    [TorchSharp.Utils.ComponentName(Name = "net")]
    private readonly nn.Module<Tensor, Tensor> _net;

    /// <summary>A model for <c>mean.Length</c> features, standardised by <paramref name="mean"/> and <paramref name="std"/>, with <paramref name="hidden"/> hidden units (0: logistic regression).</summary>
    public TabularClassifier(float[] mean, float[] std, int hidden) : base(nameof(TabularClassifier))
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length == 0) throw new ArgumentException("mean must have one entry per feature; got none.", nameof(mean));
        if (std.Length != mean.Length) throw new ArgumentException($"std must have {mean.Length} entries like mean; got {std.Length}.", nameof(std));
        if (hidden < 0) throw new ArgumentException($"hidden must be 0 (logistic regression) or a positive layer width; got {hidden}.", nameof(hidden));
        Features = mean.Length;
        Hidden = hidden;
        _mean = torch.tensor(mean);
        _std = torch.tensor(std);
        _net = hidden == 0 ? nn.Linear(mean.Length, 2)
                          : nn.Sequential(nn.Linear(mean.Length, hidden), nn.ReLU(), nn.Linear(hidden, 2));
        RegisterComponents();
    }

    /// <summary>Number of input features.</summary>
    public int Features { get; }

    /// <summary>Hidden units (0: logistic regression).</summary>
    public int Hidden { get; }

    /// <summary>Two logits per row (class 0, class 1), like a PyTorch classifier before softmax.</summary>
    public override Tensor forward(Tensor x) => _net.forward((x - _mean) / _std);

    /// <summary>The probability of class 1 for each row (softmax of the logits), without gradients.</summary>
    public float[] PredictProba(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) return [];
        if (rows.Any(r => r is null || r.Length != Features))
            throw new ArgumentException($"rows must each hold {Features} features.", nameof(rows));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, Features]).to(_mean.device);
        return nn.functional.softmax(forward(x), 1)[.., 1].cpu().data<float>().ToArray();
    }

    /// <summary>Registers this model as a new version of <paramref name="registry"/>, with the metadata the model server needs (format, features, hidden) plus <paramref name="metadata"/>.</summary>
    public ModelVersion Register(ModelRegistry registry, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>())
        {
            ["format"] = Format,
            ["features"] = Features.ToString(CultureInfo.InvariantCulture),
            ["hidden"] = Hidden.ToString(CultureInfo.InvariantCulture),
        };
        return registry.Register(stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            save(writer);
        }, meta);
    }

    /// <summary>Loads a registered version (format <see cref="Format"/>) onto the CPU in evaluation mode.</summary>
    public static TabularClassifier Load(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!version.Metadata.TryGetValue("format", out var format) || format != Format)
            throw new ArgumentException($"{version.Label} is not a {Format} model (format \"{format}\").", nameof(version));
        int features = int.Parse(version.Metadata["features"], CultureInfo.InvariantCulture);
        int hidden = int.Parse(version.Metadata["hidden"], CultureInfo.InvariantCulture);
        var model = new TabularClassifier(new float[features], Enumerable.Repeat(1f, features).ToArray(), hidden);
        model.load(version.ModelPath);
        model.eval();
        return model;
    }
}
