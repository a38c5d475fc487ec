// One rank of a data-parallel job. mpiexec.mpich starts N copies; each holds a full TorchSharp replica of the model, trains on
// its own shard of every global batch and averages gradients with MPI_Allreduce. Rank 0 writes the results.
// Modes (first argument):
//   train     --out DIR [--hidden 32] [--depth 1] [--steps 60] [--batch 128] [--lr 0.5] [--momentum 0] [--seed 1] [--order-seed 7]
//             [--per-tensor] [--checkpoint FILE --checkpoint-every K] [--resume] [--die-rank R --die-step S]
//   allreduce --out DIR [--length 8]       every rank reports the mean of the ranks' known vectors
//   sweep     --out DIR [--reps 20]         all-reduce time against message size (for the alpha-beta fit)
//   ring      --out DIR [--length 10000]    our ring all-reduce over MPI_Sendrecv against MPI_Allreduce
//   remat     --out DIR --segments K         one checkpointed pass of chapter 19's 36-block MLP; peak resident memory it added
// Every mode takes --wait sleep (default: poll and sleep while waiting) or --wait spin (MPI's busy-polling).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLPrimer;
using MLPrimer.Data;
using MLPrimer.Device;
using MLPrimer.Distributed;
using MLPrimer.Tracking;
using TorchSharp;
using static TorchSharp.torch;

var mode = args.Length > 0 ? args[0] : "";
var options = ParseOptions(args.Skip(1).ToArray());
string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var outDir = Get("out", Path.Combine(Path.GetTempPath(), "mlprimer-mpi"));

Mpi.Init();
Mpi.SleepWhileWaiting = Get("wait", "sleep") == "sleep";   // --wait spin: MPI's own busy-polling
int rank = Mpi.Rank, size = Mpi.Size;
try
{
    switch (mode)
    {
        case "train": Train(); break;
        case "allreduce": AllReduceKnownVectors(); break;
        case "sweep": Sweep(); break;
        case "ring": Ring(); break;
        case "remat": Rematerialization(); break;
        default: throw new ArgumentException($"unknown mode '{mode}': use train, allreduce, sweep, ring or remat.");
    }
}
catch (Exception e)
{
    Console.Error.WriteLine($"rank {rank}: {e}");
    Mpi.Abort(3);                                             // one failed rank ends the whole job, loudly
}
Mpi.Shutdown();
return 0;

void Train()
{
    TorchNative.EnsureLoaded();
    torch.set_num_threads(1);
    int hidden = GetInt("hidden", 32), depth = GetInt("depth", 1), steps = GetInt("steps", 60), globalBatch = GetInt("batch", 128);
    double lr = double.Parse(Get("lr", "0.5"), CultureInfo.InvariantCulture);
    double momentum = double.Parse(Get("momentum", "0"), CultureInfo.InvariantCulture);
    bool bucketed = !options.ContainsKey("per-tensor");
    string? checkpoint = options.TryGetValue("checkpoint", out var c) ? Path.GetFullPath(c) : null;
    int checkpointEvery = GetInt("checkpoint-every", 0), dieRank = GetInt("die-rank", -1), dieStep = GetInt("die-step", -1);
    if (globalBatch % size != 0) throw new ArgumentException($"--batch {globalBatch} must divide by the number of ranks {size}.");
    int shard = globalBatch / size;

    var digits = Datasets.Digits();
    var x = torch.tensor(digits.FlattenFeatures()).reshape(digits.Count, digits.FeatureCount) / 16f;
    var y = torch.tensor(digits.Labels.Select(l => (long)l).ToArray());
    var order = new Random(GetInt("order-seed", 7));          // the batch order is a function of the step: same on every rank
    var batches = Enumerable.Range(0, steps)
        .Select(_ => Enumerable.Range(0, digits.Count).OrderBy(_ => order.Next()).Take(globalBatch).Select(i => (long)i).ToArray()).ToArray();

    torch.manual_seed(GetInt("seed", 1));                     // same seed on every rank: identical replicas
    var layers = new List<nn.Module<Tensor, Tensor>> { nn.Linear(64, hidden), nn.ReLU() };
    for (var l = 1; l < depth; l++) { layers.Add(nn.Linear(hidden, hidden)); layers.Add(nn.ReLU()); }
    layers.Add(nn.Linear(hidden, 10));
    var model = nn.Sequential(layers.ToArray());
    var parameters = model.parameters().ToArray();
    var optimizer = torch.optim.SGD(parameters, lr, momentum: momentum);
    int startStep = 0;
    if (options.ContainsKey("resume") && checkpoint is not null && File.Exists(checkpoint))
        startStep = (int)Checkpoint.Load(checkpoint, model, optimizer).Step;

    int total = parameters.Sum(p => (int)p.numel());
    var flat = new float[total];
    var computeMs = new List<double>(); var waitMs = new List<double>(); var commMs = new List<double>(); var losses = new List<double>();
    var clock = new Stopwatch();
    // ---- the data-parallel step (printed by chapter 19) ----
    for (var step = startStep; step < steps; step++)
    {
        if (rank == dieRank && step == dieStep) Process.GetCurrentProcess().Kill();   // simulate a lost worker (SIGKILL)
        clock.Restart();
        optimizer.zero_grad();
        using var rows = torch.tensor(batches[step].AsSpan(rank * shard, shard).ToArray());   // this rank's shard
        using var loss = nn.functional.cross_entropy(model.forward(x.index_select(0, rows)), y.index_select(0, rows));
        loss.backward();
        var offset = 0;
        foreach (var p in parameters)                             // gradients → one flat buffer
        {
            var n = (int)p.numel();
            p.grad!.data<float>().CopyTo(flat.AsSpan(offset, n));
            offset += n;
        }
        computeMs.Add(clock.Elapsed.TotalMilliseconds);

        clock.Restart();
        Mpi.Barrier();                                            // wait for the slowest rank (measured apart from the transfer)
        waitMs.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        if (bucketed) Mpi.AllReduceSum(flat);                      // one all-reduce of all gradients ...
        else
            for (int p = 0, o = 0; p < parameters.Length; o += (int)parameters[p].numel(), p++)
                Mpi.AllReduceSum(flat.AsSpan(o, (int)parameters[p].numel()));   // ... or one per parameter tensor
        var lossSum = new[] { (double)loss.item<float>() };
        Mpi.AllReduceSum(lossSum.AsSpan());
        commMs.Add(clock.Elapsed.TotalMilliseconds);
        losses.Add(lossSum[0] / size);

        clock.Restart();
        offset = 0;
        foreach (var p in parameters)                             // sum → mean, back into .grad, then the same step everywhere
        {
            var n = (int)p.numel();
            for (var j = offset; j < offset + n; j++) flat[j] /= size;
            p.grad!.data<float>().CopyFrom(flat.AsSpan(offset, n));
            offset += n;
        }
        optimizer.step();
        computeMs[^1] += clock.Elapsed.TotalMilliseconds;
        if (rank == 0 && checkpoint is not null && checkpointEvery > 0 && (step + 1) % checkpointEvery == 0)
            Checkpoint.Save(checkpoint, model, optimizer, epoch: 0, step: step + 1);   // atomic: write a temp file, then rename
    }
    // ---- end of the step ----

    var weights = parameters.SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
    var mean = weights.ToArray();
    Mpi.AllReduceSum(mean);
    var spread = new[] { weights.Select((w, j) => Math.Abs(w - mean[j] / size)).DefaultIfEmpty(0).Max() };
    Mpi.AllReduceSum(spread.AsSpan());
    var rss = new double[size];
    rss[rank] = PeakRssMiB();
    Mpi.AllReduceSum(rss.AsSpan());
    if (rank == 0)
        new DataParallelReport(size, hidden, depth, total, parameters.Length, globalBatch, startStep, steps, bucketed,
            computeMs.ToArray(), waitMs.ToArray(), commMs.ToArray(), losses.ToArray(), weights, spread[0], rss)
            .Save(Path.Combine(outDir, "report.json"));
}

void AllReduceKnownVectors()
{
    int length = GetInt("length", 8);
    var v = Enumerable.Range(0, length).Select(j => (float)(rank * 100 + j)).ToArray();   // rank r holds 100 r + j
    Mpi.AllReduceSum(v);
    for (var j = 0; j < length; j++) v[j] /= size;                                         // mean: 100 (N-1)/2 + j
    AtomicFile.WriteAllText(Path.Combine(outDir, $"allreduce-rank{rank}.json"), JsonSerializer.Serialize(v));
}

void Sweep()
{
    int reps = GetInt("reps", 20);
    var sizes = new[] { 1, 16, 256, 4096, 65536, 262144, 1048576 };              // floats per all-reduce: 4 B to 4 MiB
    var medians = new List<double>();
    var minimums = new List<double>();
    foreach (var n in sizes)
    {
        var buffer = new float[n];
        var times = new double[reps];
        Mpi.AllReduceSum(buffer);                                                 // warm-up
        for (var r = 0; r < reps; r++)
        {
            Mpi.Barrier();
            var t = Stopwatch.StartNew();
            Mpi.AllReduceSum(buffer);
            times[r] = t.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        medians.Add(times[reps / 2]);
        minimums.Add(times[0]);
    }
    if (rank == 0)
        AtomicFile.WriteAllText(Path.Combine(outDir, "sweep.json"),
            JsonSerializer.Serialize(new { processes = size, bytes = sizes.Select(n => 4L * n).ToArray(), medianMs = medians, minMs = minimums }));
}

void Ring()
{
    int length = GetInt("length", 10_000);
    var random = new Random(rank);
    var mine = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
    var ring = mine.ToArray();
    var library = mine.ToArray();
    long sent = RingAllReduce.SumAcrossRanks(ring);
    Mpi.AllReduceSum(library);
    var stats = new double[2 * size];                         // each rank fills its own slots; the sum gathers them
    stats[2 * rank] = sent;
    stats[2 * rank + 1] = ring.Zip(library, (a, b) => Math.Abs(a - b)).Max();
    Mpi.AllReduceSum(stats.AsSpan());
    if (rank == 0)
        AtomicFile.WriteAllText(Path.Combine(outDir, "ring.json"), JsonSerializer.Serialize(new
        {
            processes = size, length,
            elementsSent = Enumerable.Range(0, size).Select(r => (long)stats[2 * r]).ToArray(),
            maxDifferenceFromMpi = Enumerable.Range(0, size).Max(r => stats[2 * r + 1]),
        }));
}

void Rematerialization()
{
    // Every allocation of 64 KiB or more gets its own mapping, returned to the kernel when freed, so the resident set
    // follows the live tensors (glibc would otherwise keep freed 256 KiB blocks in its heap and raise its threshold).
    Mallopt(-3 /* M_MMAP_THRESHOLD */, 64 * 1024);
    TorchNative.EnsureLoaded();
    torch.set_num_threads(1);
    int segments = GetInt("segments", 1);
    torch.manual_seed(0);                                     // chapter 19's model: 36 blocks of Linear(256, 256) + tanh
    var blocks = Enumerable.Range(0, 36).Select(_ => (nn.Module<Tensor, Tensor>)nn.Sequential(nn.Linear(256, 256), nn.Tanh())).ToArray();
    var input = torch.randn(256, 256);
    var target = torch.randn(256, 256);
    GC.Collect();
    double before = ResidentMiB("VmRSS:");
    ResetPeak();
    var pass = GradientCheckpointing.ForwardBackward(blocks, input, o => nn.functional.mse_loss(o, target), segments);
    double peak = ResidentMiB("VmHWM:");
    AtomicFile.WriteAllText(Path.Combine(outDir, $"remat-{segments}.json"), JsonSerializer.Serialize(new
    {
        segments, countedMiB = pass.PeakActivationElements * 4.0 / 1048576, measuredPeakAboveStartMiB = peak - before,
        gradientMiB = blocks.Sum(b => b.parameters().Sum(p => p.numel())) * 4.0 / 1048576,
    }));
}

[System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mallopt")]
static extern int Mallopt(int option, int value);

static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");   // Linux: VmHWM := current resident set

static double ResidentMiB(string field)
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith(field, StringComparison.Ordinal))
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    return double.NaN;
}

static double PeakRssMiB() => ResidentMiB("VmHWM:");      // the kernel's high-water mark of this process's resident memory

static Dictionary<string, string> ParseOptions(string[] a)
{
    var result = new Dictionary<string, string>();
    for (var i = 0; i < a.Length; i++)
    {
        if (!a[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{a[i]}'.");
        var name = a[i][2..];
        if (i + 1 < a.Length && !a[i + 1].StartsWith("--", StringComparison.Ordinal)) result[name] = a[++i];
        else result[name] = "true";
    }
    return result;
}
