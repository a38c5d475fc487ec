using System.Text.Json;

namespace MLPrimer.Distributed;

/// <summary>What rank 0 of a data-parallel worker job reports (<c>tools/DistributedWorker</c>, mode <c>train</c>), saved as JSON.</summary>
/// <param name="Processes">Number of ranks N.</param>
/// <param name="Hidden">Width of each hidden layer of the MLP.</param>
/// <param name="Depth">Number of hidden layers.</param>
/// <param name="Parameters">Number of trainable parameters (= gradient elements all-reduced per step).</param>
/// <param name="Tensors">Number of parameter tensors (= all-reduce calls per step without bucketing).</param>
/// <param name="GlobalBatch">Rows per step over all ranks; each rank takes GlobalBatch / N.</param>
/// <param name="StartStep">The step training started from (0, or the checkpoint's step when resumed).</param>
/// <param name="Steps">The step training ended at.</param>
/// <param name="Bucketed">True when the gradients went in one flat all-reduce, false for one call per tensor.</param>
/// <param name="ComputeMs">Per step, rank 0's forward + backward + optimizer time in milliseconds.</param>
/// <param name="WaitMs">Per step, rank 0's time in a barrier before the all-reduce: waiting for the slowest rank.</param>
/// <param name="CommunicationMs">Per step, rank 0's time in the gradient all-reduce(s) after that barrier.</param>
/// <param name="Loss">Per step, the global batch's mean loss (shard losses averaged over the ranks).</param>
/// <param name="Weights">Rank 0's final parameters, flattened in <c>parameters()</c> order.</param>
/// <param name="ReplicaSpread">Sum over ranks of max |own weight − mean weight over ranks|: 0 when every replica is identical.</param>
/// <param name="PeakRssMiB">Each rank's peak resident set size (VmHWM) in MiB, measured by the operating system.</param>
public sealed record DataParallelReport(int Processes, int Hidden, int Depth, int Parameters, int Tensors, int GlobalBatch,
    int StartStep, int Steps, bool Bucketed, double[] ComputeMs, double[] WaitMs, double[] CommunicationMs, double[] Loss,
    float[] Weights, double ReplicaSpread, double[] PeakRssMiB)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>Reads a report written by <see cref="Save"/>.</summary>
    public static DataParallelReport Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            throw new ArgumentException($"No data-parallel report at '{path}': did the job fail? Look at its output.", nameof(path));
        try
        {
            return JsonSerializer.Deserialize<DataParallelReport>(File.ReadAllText(path), Options)
                   ?? throw new InvalidDataException($"'{path}' holds no report.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a data-parallel report ({e.Message}).", e);
        }
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Options));

    /// <summary>Median of <see cref="ComputeMs"/> over the steps after the first <paramref name="warmup"/> ones.</summary>
    public double MedianComputeMs(int warmup = 2) => Median(ComputeMs, warmup);

    /// <summary>Median of <see cref="WaitMs"/> over the steps after the first <paramref name="warmup"/> ones.</summary>
    public double MedianWaitMs(int warmup = 2) => Median(WaitMs, warmup);

    /// <summary>Median of <see cref="CommunicationMs"/> over the steps after the first <paramref name="warmup"/> ones.</summary>
    public double MedianCommunicationMs(int warmup = 2) => Median(CommunicationMs, warmup);

    private static double Median(double[] values, int warmup)
    {
        if (warmup < 0) throw new ArgumentException($"warmup must not be negative (got {warmup}).", nameof(warmup));
        var kept = values.Skip(Math.Min(warmup, Math.Max(0, values.Length - 1))).OrderBy(v => v).ToArray();
        if (kept.Length == 0) return double.NaN;
        return kept.Length % 2 == 1 ? kept[kept.Length / 2] : (kept[kept.Length / 2 - 1] + kept[kept.Length / 2]) / 2;
    }
}
