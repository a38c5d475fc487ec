using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter21ModelCompressionTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("21-model-compression.ipynb").AllText;

    private double Base => Number(Text, @"MLP 64-256-256-10: 84,480 weights, test accuracy ([\d.]+)");

    [Fact]
    public void TeacherLearnsTheDigits() => Assert.InRange(Base, 0.95, 1.0);

    [Fact]
    public void LowRankKeepsAccuracyAtAFractionOfTheWeights()
    {
        var text = Text;
        double Row(int rank) => Numbers(text, $@"\n\s+{rank}\s+[\d,]+\s+[\d.]+\s+([\d.]+)\n")[0];
        Assert.True(Row(1) < 0.5, "rank 1 should break the network");
        Assert.True(Row(4) < 0.8, "below rank 8 accuracy collapses");
        Assert.True(Row(8) >= Base - 0.01, $"rank 8 {Row(8)} vs {Base}");
        foreach (var rank in new[] { 16, 24, 32, 48, 64, 128 })                 // from 8,192 of 65,536 weights upward
            Assert.True(Row(rank) >= Base - 0.0025, $"rank {rank} {Row(rank)} vs {Base}");
        Assert.Equal(Base, Row(256), 3);                                        // full rank reproduces the layer
        Assert.Contains("  256              131,072           0.000", text);
        AssertChart(text, "21-low-rank.png");
    }

    [Fact]
    public void DistilledStudentBeatsTheHardLabelStudent()
    {
        var n = Numbers(Text, @"student 64-16-10 on hard labels: ([\d.]+) ± [\d.]+; distilled: ([\d.]+) ± [\d.]+");
        Assert.InRange(n[1] - n[0], 0.015, 0.04);                              // "about 2.7 points"
        Assert.InRange(Base - n[1], 0.0, 0.01);                                  // "about half a point below the teacher"
        Assert.Equal(5, Number(Text, @"distillation wins on (\d) of 5 seeds"));
    }

    [Fact]
    public void PruningCurvesBehave()
    {
        var rows = Regex.Matches(Text, @"\n\s+(0\.\d\d)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?=\n)")
            .Select(m => m.Groups.Cast<Group>().Skip(1).Select(g => double.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(7, rows.Length);
        Assert.All(rows, r => Assert.Equal(r[0], r[1], 4));                     // the measured sparsity is exact
        var half = rows.Single(r => r[0] == 0.5);
        Assert.True(half[2] >= Base - 0.01, "half the weights can go without retraining");
        Assert.InRange(Base - half[4], 0.05, 0.15);                              // whole neurons: about 9 points at 50%
        Assert.True(rows.Single(r => r[0] == 0.8)[3] >= 0.96, "80% sparsity keeps the accuracy after fine-tuning");
        Assert.True(rows.Single(r => r[0] == 0.95)[3] < Base - 0.1 && rows.Single(r => r[0] == 0.98)[3] < 0.5, "past 95% fine-tuning cannot recover");
        var ninety = rows.Single(r => r[0] == 0.9);
        Assert.True(ninety[3] > ninety[2] + 0.1, "fine-tuning recovers most of the loss at 90%");
        Assert.True(ninety[4] < ninety[2], "removing whole neurons hurts more than single weights");
        AssertChart(Text, "21-pruning.png");
    }

    [Fact]
    public void CsrPaysOffOnlyAboveHalfSparsity()
    {
        var text = Text;
        Assert.Equal(2.004, Number(text, @"0\.00      262,144\s+[\d,]+\s+([\d.]+)"), 3);   // 8 bytes per nonzero + row pointers
        Assert.True(Number(text, @"0\.70      262,144\s+[\d,]+\s+([\d.]+)") < 1);
        Assert.Equal(0.044, Number(text, @"0\.98      262,144\s+[\d,]+\s+([\d.]+)"), 3);
    }

    [Fact]
    public void QuantizationTableShowsSizeErrorAndAccuracy()
    {
        var text = Text;
        double[] Row(string name) => Numbers(text, $@"{Regex.Escape(name)}\s+[\d,]+\s+([\d.]+)\s+([\d.E+-]+)\s+([\d.E+-]+)\s+([\d.]+)");
        Assert.Equal(0.503, Row("fp16")[0], 3);
        Assert.InRange(Row("int8 per-tensor")[0], 0.25, 0.26);
        Assert.True(Row("fp16")[1] < Row("bf16")[1], "fp16 has more mantissa bits than bf16");
        Assert.True(Row("int8 per-channel")[1] < Row("int8 per-tensor")[1]);
        Assert.True(Row("int4 per-channel")[1] < Row("int4 per-tensor")[1]);
        Assert.True(Row("int8 per-tensor")[1] < Row("int4 per-tensor")[1] / 8);
        Assert.Equal(Base, Row("int8 per-tensor")[3], 4);
        Assert.Equal(Base, Row("int8 per-channel")[3], 4);
        Assert.True(Row("int4 per-tensor")[3] >= Base - 0.0025 && Row("int4 per-channel")[3] >= Base - 0.0025);
        var extra = double.Parse(Regex.Match(text, @"int8 per-channel\s+([\d,]+)").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)
                  - double.Parse(Regex.Match(text, @"int8 per-tensor\s+([\d,]+)").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(extra, 3000, 5000);                                       // "about 4 KB of scales and zero points"
        var integerPath = Number(text, @"int8 integer path: test accuracy ([\d.]+)");
        Assert.True(integerPath >= Base - 0.01, $"integer path {integerPath} vs {Base}");
        // The speed figure is printed, not asserted; its size and error are deterministic.
        Assert.Contains("weight bytes 4,194,304 -> 1,056,768", text);
        Assert.True(Number(text, @"relative output error ([\d.E+-]+)") < 0.02);
    }

    [Fact]
    public void PackedRnnMatchesEachSequenceAloneAndAdaptivePoolTakesAnySize()
    {
        var text = Text;
        Assert.Contains("padded input 2×3×3, output 2×3×5", text);
        Assert.True(Number(text, @"max \|packed - alone\| = ([\d.E+-]+);") < 1e-5);
        Assert.Contains("padded step of sequence 2 is all zeros: True", text);
        Assert.Contains("image 64×64: feature map 32×16×16, output 1×10", text);
        Assert.Contains("image 128×128: feature map 32×32×32, output 1×10", text);
        Assert.Contains("image 96×48: feature map 32×24×12, output 1×10", text);
    }

    [Fact]
    public void LruHitRateGrowsWithSizeUnderZipfTraffic()
    {
        var text = Text;
        var rows = Regex.Matches(text, @"\n\s*(\d+)\s+([\d.]+)\s+([\d.]+)\s+[\d.]+(?=\n)")
            .Select(m => (Size: int.Parse(m.Groups[1].Value), Hit: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                          Best: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(r => r.Size is 0 or 10 or 30 or 100 or 300 or 1000 or 1797).ToArray();
        Assert.Equal(new[] { 0, 10, 30, 100, 300, 1000, 1797 }, rows.Select(r => r.Size));
        Assert.Equal(0, rows[0].Hit);
        for (var i = 1; i < rows.Length; i++)
        {
            Assert.True(rows[i].Hit >= rows[i - 1].Hit);
            Assert.True(rows[i].Hit <= rows[i].Best + 0.02, $"size {rows[i].Size}: LRU {rows[i].Hit} above the static optimum {rows[i].Best}");
        }
        Assert.True(rows.Single(r => r.Size == 100).Hit > 0.45, "a cache of 6% of the inputs answers about half the requests under Zipf");
        Assert.True(rows.Single(r => r.Size == 1000).Hit > 0.8);
        var distinct = Number(text, @"(\d+) distinct inputs among 10,000 requests");
        Assert.True(rows[^1].Hit <= 1 - distinct / 10000 + 1e-3, "every first sighting is a miss");
        AssertChart(text, "21-lru-cache.png");
    }
}
