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
        var plain = Numbers(text, @"\n\s+1\s+(\d+)\s+[\d.]+\s+(\d+)\s+([\d.]+)");
        Assert.Equal(new[] { 36.0, 36.0, 1.0 }, plain);
        var six = Numbers(text, @"\n\s+6\s+(\d+)\s+[\d.]+\s+(\d+)\s+([\d.]+)");
        Assert.Equal(new[] { 11.0, 66.0, 1.28 }, six);
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
    public void DataParallelSgdMatchesLargeBatchSgdAndResumesFromACheckpoint()
    {
        var text = Text;
        Assert.True(Number(text, @"max \|data-parallel weight − single-process weight\| = ([\d.E+-]+)") < 1e-4);
        var acc = Numbers(text, @"replicas still identical: True; accuracy on all digits: data-parallel ([\d.]+), single process ([\d.]+)");
        Assert.InRange(acc[0], 0.85, 1.0);
        Assert.Equal(acc[0], acc[1], 2);
        Assert.Contains("last checkpoint at step 30", text);
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
        Assert.Contains("same weights: True", text);
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
