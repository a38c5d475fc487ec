using System.Text.Json;
using MLPrimer.Distributed;
using MLPrimer.Tracking;
using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Tests.Distributed;

/// <summary>Real multi-process jobs: mpiexec.mpich starts tools/DistributedWorker N times (MPICH from the Debian package mpich).</summary>
public sealed class MpiJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-mpi-").FullName;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void AllReduceOfKnownVectorsGivesTheirMeanOnEveryRank(int processes)
    {
        MpiLauncher.Run(processes, ["allreduce", "--out", _dir, "--length", "5"], Limit).EnsureSuccess();
        // Rank r holds 100 r + j, so the mean over ranks 0..N-1 is 100 (N - 1) / 2 + j.
        var expected = Enumerable.Range(0, 5).Select(j => (float)(100 * (processes - 1) / 2.0 + j)).ToArray();
        for (var rank = 0; rank < processes; rank++)
            Assert.Equal(expected, JsonSerializer.Deserialize<float[]>(File.ReadAllText(Path.Combine(_dir, $"allreduce-rank{rank}.json"))));
    }

    [Fact]
    public void TwoProcessTrainingEqualsOneProcessOnTheGlobalBatch()
    {
        const int Steps = 20;
        MpiLauncher.Run(2, ["train", "--out", _dir, "--steps", $"{Steps}"], Limit).EnsureSuccess();
        var report = DataParallelReport.Load(Path.Combine(_dir, "report.json"));
        Assert.Equal(0, report.ReplicaSpread);                                 // both replicas hold the same bits

        // The reference: one process, the whole 128-row batch per step, same seed and batch order (the worker's defaults).
        var digits = MLPrimer.Data.Datasets.Digits();
        var x = torch.tensor(digits.FlattenFeatures()).reshape(digits.Count, digits.FeatureCount) / 16f;
        var y = torch.tensor(digits.Labels.Select(l => (long)l).ToArray());
        var order = new Random(7);
        torch.manual_seed(1);
        var model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10));
        var sgd = torch.optim.SGD(model.parameters(), 0.5);
        for (var step = 0; step < Steps; step++)
        {
            var rows = torch.tensor(Enumerable.Range(0, digits.Count).OrderBy(_ => order.Next()).Take(128).Select(i => (long)i).ToArray());
            sgd.zero_grad();
            nn.functional.cross_entropy(model.forward(x.index_select(0, rows)), y.index_select(0, rows)).backward();
            sgd.step();
        }
        var single = model.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
        Assert.Equal(single.Length, report.Weights.Length);
        var worst = single.Zip(report.Weights, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 1e-5, $"max |2-process − 1-process weight| = {worst}");
    }

    [Fact]
    public void ALostWorkerFailsTheJobQuicklyAndLeavesALoadableCheckpoint()
    {
        var checkpoint = Path.Combine(_dir, "checkpoint.zip");
        var run = MpiLauncher.Run(2, ["train", "--out", _dir, "--steps", "40", "--momentum", "0.9", "--checkpoint", checkpoint,
            "--checkpoint-every", "10", "--die-rank", "1", "--die-step", "25"], Limit);
        Assert.False(run.TimedOut, run.Output);
        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(60), $"the failed job took {run.Elapsed}");
        Assert.False(File.Exists(Path.Combine(_dir, "report.json")));
        torch.manual_seed(5);
        var model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10));
        var info = Checkpoint.Load(checkpoint, model, torch.optim.SGD(model.parameters(), 0.5, momentum: 0.9));
        Assert.Equal(20, info.Step);                                           // the last multiple of 10 before step 25
    }

    [Fact]
    public void AJobPastItsTimeLimitIsKilledWithAllItsRanks()
    {
        // 2 ranks, far more steps than 3 seconds allow (each rank stays alive either starting up or training).
        var run = MpiLauncher.Run(2, ["train", "--out", _dir, "--steps", "1000000", "--batch", "128"], TimeSpan.FromSeconds(3));
        Assert.True(run.TimedOut);
        Assert.Equal(-1, run.ExitCode);
        Thread.Sleep(500);
        var survivors = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName)
            .Where(pid => pid!.All(char.IsDigit))
            .Where(pid => { try { return File.ReadAllText($"/proc/{pid}/cmdline").Contains(_dir); } catch (IOException) { return false; } catch (UnauthorizedAccessException) { return false; } })
            .ToList();
        Assert.Empty(survivors);
    }

    [Fact]
    public void LauncherRejectsBadArguments()
    {
        Assert.Throws<ArgumentException>("processes", () => MpiLauncher.Run(0, ["allreduce"], Limit));
        Assert.Throws<ArgumentException>("timeout", () => MpiLauncher.Run(1, ["allreduce"], TimeSpan.Zero));
    }
}
