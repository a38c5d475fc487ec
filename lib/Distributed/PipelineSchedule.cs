namespace MLPrimer.Distributed;

/// <summary>One box of a pipeline timeline: a stage running the forward or backward pass of one micro-batch.</summary>
/// <param name="Stage">Pipeline stage (device), 0 = first layers.</param>
/// <param name="MicroBatch">Micro-batch index.</param>
/// <param name="Backward">True for the backward pass.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
public sealed record PipelineTask(int Stage, int MicroBatch, bool Backward, double Start, double End);

/// <summary>A GPipe schedule (all forwards, then all backwards, then one synchronous weight update) for K stages and M micro-batches.</summary>
/// <remarks>Each task starts as soon as its stage is free and its input exists: forward (s, m) needs forward (s - 1, m); backward
/// (s, m) needs backward (s + 1, m), and the last stage starts its backwards after its last forward. Every stage runs its
/// forwards in micro-batch order, then its backwards in micro-batch order. With equal-cost stages the idle ("bubble") share of
/// the K × makespan device-time is (K - 1)/(M + K - 1) (Huang et al., 2019).</remarks>
public sealed class PipelineSchedule
{
    private PipelineSchedule(int stages, int microBatches, IReadOnlyList<PipelineTask> tasks)
    {
        Stages = stages;
        MicroBatches = microBatches;
        Tasks = tasks;
        Makespan = tasks.Max(t => t.End);
        var busy = tasks.Sum(t => t.End - t.Start);
        BubbleFraction = 1 - busy / (stages * Makespan);
    }

    /// <summary>Number of stages (devices).</summary>
    public int Stages { get; }

    /// <summary>Number of micro-batches per mini-batch.</summary>
    public int MicroBatches { get; }

    /// <summary>Every forward and backward task with its start and end time.</summary>
    public IReadOnlyList<PipelineTask> Tasks { get; }

    /// <summary>Time from the first forward to the last backward.</summary>
    public double Makespan { get; }

    /// <summary>Share of the stages × makespan device-time spent idle.</summary>
    public double BubbleFraction { get; }

    /// <summary>Simulates GPipe with <paramref name="stages"/> stages and <paramref name="microBatches"/> micro-batches; each stage's forward takes
    /// <paramref name="forwardTime"/> and its backward <paramref name="backwardTime"/> per micro-batch.</summary>
    public static PipelineSchedule GPipe(int stages, int microBatches, double forwardTime = 1, double backwardTime = 2)
    {
        Guard.AtLeast(stages, 1, nameof(stages));
        Guard.AtLeast(microBatches, 1, nameof(microBatches));
        if (!(forwardTime > 0) || double.IsInfinity(forwardTime))
            throw new ArgumentException($"forwardTime must be a positive finite number (got {forwardTime}).", nameof(forwardTime));
        if (!(backwardTime > 0) || double.IsInfinity(backwardTime))
            throw new ArgumentException($"backwardTime must be a positive finite number (got {backwardTime}).", nameof(backwardTime));
        var tasks = new List<PipelineTask>();
        var forwardEnd = new double[stages, microBatches];
        var backwardEnd = new double[stages, microBatches];
        var free = new double[stages];
        for (var m = 0; m < microBatches; m++)
            for (var s = 0; s < stages; s++)
            {
                var start = Math.Max(free[s], s > 0 ? forwardEnd[s - 1, m] : 0);
                forwardEnd[s, m] = free[s] = start + forwardTime;
                tasks.Add(new PipelineTask(s, m, false, start, forwardEnd[s, m]));
            }
        for (var m = 0; m < microBatches; m++)
            for (var s = stages - 1; s >= 0; s--)
            {
                var start = Math.Max(free[s], s < stages - 1 ? backwardEnd[s + 1, m] : 0);
                backwardEnd[s, m] = free[s] = start + backwardTime;
                tasks.Add(new PipelineTask(s, m, true, start, backwardEnd[s, m]));
            }
        return new PipelineSchedule(stages, microBatches, tasks);
    }

    /// <summary>GPipe's bubble fraction for equal-cost stages: (K - 1)/(M + K - 1).</summary>
    public static double GPipeBubbleFormula(int stages, int microBatches)
    {
        Guard.AtLeast(stages, 1, nameof(stages));
        Guard.AtLeast(microBatches, 1, nameof(microBatches));
        return (stages - 1.0) / (microBatches + stages - 1.0);
    }
}
