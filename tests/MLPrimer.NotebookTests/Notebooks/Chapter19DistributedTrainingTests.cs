using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter19DistributedTrainingTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("19-distributed-training.ipynb").AllText;

    [Fact]
    public void CheckpointedGradientsEqualBackpropAndMemoryIsLeastAtRootN()
    {
        var text = Text;
        foreach (var k in new[] { 2, 6, 36 })
        {
            var n = Numbers(text, $@"{k,2} segments: loss ([\d.]+) \(plain ([\d.]+)\), max \|gradient difference\| = ([\d.E+-]+) over");
            Assert.Equal(n[0], n[1]);
            Assert.True(n[2] <= 1e-6, $"{k} segments: gradient difference {n[2]}");
        }
        // Activations held and forward calls (hand count for 36 blocks): k = 1 → 36, 36; k = 6 → 5 + 6 = 11, 36 + 30 = 66.
        Assert.Contains("activations held (counted)", text);
        var plain = Numbers(text, @"\n\s+1\s+(\d+)\s+[\d.]+\s+(\d+)\s+([\d.]+)");
        Assert.Equal(new[] { 36.0, 36.0, 1.0 }, plain);
        var six = Numbers(text, @"\n\s+6\s+(\d+)\s+[\d.]+\s+(\d+)\s+([\d.]+)");
        Assert.Equal(new[] { 11.0, 66.0, 1.28 }, six);
        // The printed gap between measured and predicted relative time is the table's own worst gap (2:1 rule), recomputed here.
        var ratio = Number(text, @"backward/forward = ([\d.]+) \(the rule of thumb says 2\)");
        Assert.InRange(ratio, 0.3, 6);
        double worstGap = 0;
        foreach (var k in new[] { 2, 3, 4, 6, 9, 12, 18, 36 })
        {
            var row = Numbers(text, $@"\n\s+{k}\s+\d+\s+[\d.]+\s+\d+\s+([\d.]+)\s+([\d.]+)\s+\d+\s+([\d.]+)\n");
            var gap = 100 * (row[2] / row[0] - 1);
            if (Math.Abs(gap) > Math.Abs(worstGap)) worstGap = gap;
        }
        var printedGap = Number(text, @"largest gap, measured vs predicted relative time: 2:1 rule ([+-]?\d+)%");
        // Sizes only: two k with near-equal gaps of opposite sign may swap places after the table's rounding.
        Assert.True(Math.Abs(Math.Abs(printedGap) - Math.Abs(worstGap)) <= 2, $"printed gap {printedGap}%, recomputed from the rounded table {worstGap:F1}%");
        // Measured peak resident memory (fresh process per k): falls from k = 1 to k = 6, and minus the gradients still exceeds the count.
        var measured = new Dictionary<int, double>();
        foreach (var k in new[] { 1, 2, 6, 36 })
        {
            var row = Numbers(text, $@"\n\s+{k}\s+([\d.]+)\s+([\d.]+)\s+([\d.-]+)\n");
            measured[k] = row[1];
            Assert.True(row[2] > row[0], $"k = {k}: measured minus gradients {row[2]} MiB vs counted {row[0]} MiB");
        }
        Assert.True(measured[6] < measured[1], $"measured peak: k = 6 {measured[6]} MiB, k = 1 {measured[1]} MiB");
        Assert.Contains("fewest activations held at 6 segments (√36 = 6): 2.8 MiB instead of 9.0 MiB", text);
        AssertChart(text, "19-rematerialization.png");
    }

    [Fact]
    public void RingAllReduceEqualsTheSumAndSendsTheFormulasBytes()
    {
        var text = Text;
        Assert.True(Number(text, @"max \|ring all-reduce − direct sum\| = ([\d.E+-]+);") < 1e-6);
        Assert.Contains("all workers hold identical results: True", text);
        var sent = Numbers(text, @"elements sent per worker: (\d+), (\d+), (\d+), (\d+); formula 2\(K−1\)/K·N = ([\d.]+)");
        Assert.Equal(3615.0, sent[4]);                       // 2 · 3/4 · 2410
        Assert.Equal(4 * 3615.0, sent.Take(4).Sum());       // uneven chunks, same total
        // Ring traffic per worker stays under 2N = 0.2048 GB; the server's grows as K · N.
        var k64 = Numbers(text, @"\n\s+64\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\n");
        Assert.Equal(k64[1], k64[0], 3);
        Assert.InRange(k64[0], 0.19, 0.2048);
        Assert.Equal(6.6, k64[2], 1);
        AssertChart(text, "19-allreduce-traffic.png");
    }

    [Fact]
    public void SimulatedDataParallelSgdMatchesLargeBatchSgd()
    {
        var text = Text;
        Assert.True(Number(text, @"max \|data-parallel weight − single-process weight\| = ([\d.E+-]+)") < 1e-4);
        var acc = Numbers(text, @"replicas still identical: True; accuracy on all digits: data-parallel ([\d.]+), single process ([\d.]+)");
        Assert.InRange(acc[0], 0.85, 1.0);
        Assert.Equal(acc[0], acc[1], 2);
    }

    [Fact]
    public void RealProcessesMatchOneProcessOnTheGlobalBatch()
    {
        var text = Text;
        Assert.Contains("launcher: ", text);
        double? oneRank = null;
        foreach (var n in new[] { 1, 2, 4 })
        {
            var r = Numbers(text, $@"N = {n}: {n} processes × (\d+) rows, 60 steps; max \|weight − single-process weight\| = ([\d.E+-]+); replicas identical: True; final loss ([\d.]+); peak RSS per rank (\d+)–(\d+) MiB");
            Assert.Equal(128.0 / n, r[0]);
            Assert.True(r[1] < 1e-5, $"N = {n}: weights differ by {r[1]} from the single process");
            Assert.InRange(r[3], 50, 4000);                  // a .NET process with libtorch: far more than the 10 KB model
            oneRank ??= r[4];
            Assert.InRange(r[4], 0.8 * oneRank.Value, 1.25 * oneRank.Value);   // every rank holds about what one process holds
        }
    }

    [Fact]
    public void StepTimeSplitsIntoComputeAndCommunicationWithAnAlphaBetaFit()
    {
        var text = Text;
        foreach (var n in new[] { 2, 4 })
        {
            var fit = Numbers(text, $@"N = {n}: all-reduce floor fits α = ([\d.-]+) µs, 1/β = ([\d.-]+) GB/s");
            Assert.True(fit[1] > 0, $"N = {n}: bandwidth {fit[1]}");
            var waits = Numbers(text, $@"N = {n}, small model: all-reduce ([\d.]+) ms per step when ranks spin while waiting, ([\d.]+) ms when they sleep; same weights: True");
            if (n == 4) Assert.True(waits[0] > waits[1], $"N = 4 (two ranks per core): spinning {waits[0]} ms vs sleeping {waits[1]} ms");
            // Columns: compute, wait, all-reduce, α-β model, share. Small steps lie above the floor line; the large gradient
            // costs many times the small one on that line, mostly β · bytes; the large model's share is the smaller.
            var small = Numbers(text, $@"\nsmall\s+2,410\s+{n}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+) %");
            var large = Numbers(text, $@"\nlarge\s+301,066\s+{n}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+) %");
            Assert.True(small[2] > small[3], $"N = {n}: small model's all-reduce {small[2]} ms should lie above the floor model {small[3]} ms");
            Assert.True(large[3] > 5 * small[3], $"N = {n}: floor model {large[3]} ms (large) vs {small[3]} ms (small)");
            Assert.True(fit[0] / 1000 < 0.5 * large[3], $"N = {n}: α = {fit[0]} µs should be under half the large model's {large[3]} ms");
            Assert.True(large[4] < small[4], $"N = {n}: communication share large {large[4]}% vs small {small[4]}%");
        }
        foreach (var model in new[] { "small", "large" })
        {
            // One rank has nothing to exchange: its all-reduce takes less time than its compute.
            var one = Numbers(text, $@"\n{model}\s+[\d,]+\s+1\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s");
            Assert.True(one[2] < one[0], $"{model}, N = 1: all-reduce {one[2]} ms vs compute {one[0]} ms");
        }
        AssertChart(text, "19-data-parallel-step-time.png");
    }

    [Fact]
    public void BucketingBeatsOneAllReducePerTensorAndTheRingSendsTheFormulasBytes()
    {
        var text = Text;
        foreach (var n in new[] { 2, 4 })
        {
            var row = Numbers(text, $@"\n{n}\s+26\s+50,570\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+same weights: True");
            Assert.True(row[1] > row[0], $"N = {n}: per-tensor {row[1]} ms vs flat {row[0]} ms");
        }
        foreach (var n in new[] { 2, 3, 4 })
        {
            var line = Numbers(text, $@"N = {n}: elements sent per rank [\d, ]+ \(formula 2\(N−1\)/N·10,001 = ([\d.]+)\); max \|ring − MPI_Allreduce\| = ([\d.E+-]+)");
            var sent = System.Text.RegularExpressions.Regex.Match(text, $@"N = {n}: elements sent per rank ([\d, ]+) \(").Groups[1].Value
                .Split(", ").Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(n, sent.Length);
            Assert.Equal(2.0 * (n - 1) / n * 10001, line[^2], 1);
            Assert.Equal(2.0 * (n - 1) * 10001, sent.Sum());            // N ranks × 2(N−1)/N · 10,001, uneven chunks included
            Assert.True(line[^1] < 1e-5);
        }
    }

    [Fact]
    public void AKilledRankFailsTheJobAndTheCheckpointResumesIt()
    {
        var text = Text;
        var killed = Numbers(text, @"job with a killed rank: exit code (-?\d+), timed out: False, ended after (\d+) s");
        Assert.NotEqual(0, killed[0]);
        Assert.InRange(killed[1], 0, 120);
        Assert.Contains("launcher said: BAD TERMINATION OF ONE OF YOUR APPLICATION PROCESSES", text);
        Assert.Contains("last checkpoint: step 30", text);
        Assert.Contains("resumed at step 30, finished step 60; bit-identical to the uninterrupted run: True", text);
    }

    [Fact]
    public void PipelineBubbleMatchesGPipeFormula()
    {
        var text = Text;
        Assert.Contains("makespan 33 time units; bubble fraction 0.2727, formula (K−1)/(M+K−1) = 0.2727", text);
        foreach (var m in new[] { 1, 2, 4, 8, 16, 32, 64 })
        {
            var row = Numbers(text, $@"\n\s+{m}\s+([\d.]+)\s+([\d.]+)\n");
            Assert.Equal(Math.Round(3.0 / (m + 3), 4), row[0]);
            Assert.Equal(row[1], row[0]);
        }
        Assert.True(Number(text, @"whole-batch gradient\| = ([\d.E+-]+)") < 1e-6);
        AssertChart(text, "19-gpipe-timeline.png");
    }

    [Fact]
    public void ZeroTableOffloadAndNumberFormats()
    {
        var text = Text;
        var zero64 = Numbers(text, @"\n\s+64\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\n");
        Assert.Equal(new[] { 120.0, 31.4, 16.6, 1.88, 0.25 }, zero64);   // the ZeRO paper's 7.5B / 64-device figures
        Assert.Contains("512 KiB of buffer in the second; same weights: True", text);
        Assert.Matches(@"fp32\s+4,194,304\s", text);
        var fp16 = Numbers(text, @"fp16\s+2,097,152\s+([\d.E+-]+)\s+([\d.E+-]+)");
        var bf16 = Numbers(text, @"bf16\s+2,097,152\s+([\d.E+-]+)\s+([\d.E+-]+)");
        var int8 = Numbers(text, @"int8\s+1,048,580\s+([\d.E+-]+)\s+([\d.E+-]+)");
        Assert.True(fp16[1] < bf16[1] && bf16[1] < int8[1], "relative error should grow fp16 < bf16 < int8");
        Assert.InRange(int8[1], 1e-3, 5e-2);
        Assert.Contains("in fp16 → Infinity, 0; in bf16 → 70144", text);
        var csr = Numbers(text, @"dense fp32: ([\d.]+) MiB; CSR \(fp32 values, int32 indices\): ([\d.]+) MiB");
        Assert.Equal(100_000 * 1057 * 4 / 1048576.0, csr[0], 1);
        Assert.Equal((300_000 * 8 + 100_001 * 4) / 1048576.0, csr[1], 2);
    }
}
