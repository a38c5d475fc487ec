using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter20FinetuningTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("20-finetuning.ipynb").AllText;

    private static readonly string[] Methods = ["from scratch", "linear probe", "probe on conv features", "full fine-tuning", "adapter", "LoRA"];
    private static readonly string[] Pretrained = [.. Methods.Skip(1)];
    private static readonly int[] Counts = [2, 5, 20];

    /// <summary>One target task's table: the chosen learning rate and the mean test accuracy at 2, 5 and 20 labels per class.</summary>
    private static Dictionary<string, double[]> Table(string text, string task)
    {
        var start = text.IndexOf($"{task}: mean test accuracy of 3 draws", StringComparison.Ordinal);
        Assert.True(start >= 0, $"table for {task} not printed");
        var section = text[start..];
        return Methods.ToDictionary(m => m, m => Numbers(section, $@"\n{Regex.Escape(m)}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\n"));
    }

    private static double Best(Dictionary<string, double[]> table, int column) => Pretrained.Max(m => table[m][column]);

    [Fact]
    public void PretrainsAndRunsThePrimersRecipe()
    {
        var text = Text;
        Assert.InRange(Number(text, @"pretraining epoch 20: accuracy on 200 unseen images of digits 0-4 ([\d.]+)"), 0.95, 1.0);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Notebooks, "output", "finetuning", "digits-0-4.zip")));
        Assert.Contains("parity of unseen 0-4: 2 classes; 200 test and 50 validation images", text);
        Assert.Contains("digits 5-9: 5 classes; 200 test and 50 validation images", text);
        var first = Number(text, @"epoch  1: validation accuracy on digits 5-9 ([\d.]+)");
        var last = Number(text, @"epoch 10: validation accuracy on digits 5-9 ([\d.]+)");
        var recipe = Number(text, @"the primer's recipe, 50 labels per class, 80 SGD steps: test accuracy ([\d.]+)");
        Assert.InRange(recipe, 0.6, 1.0);
        Assert.True(last > first + 0.2, $"training should improve the new head: {first} → {last}");
    }

    [Fact]
    public void TrainableParameterCountsMatchTheArchitecture()
    {
        var text = Text;
        // conv 8·9+8 = 80 and 8·16·9+16 = 1,168; hidden 256·64+64 = 16,448; head 64·5+5 = 325: 18,021 in all.
        // Adapter 64·8+8 + 8·64+64 = 1,096 (+325 head); LoRA r(in+out) = 4·(256+64) = 1,280 (+325);
        // probe on conv features 256·5+5 = 1,285 of 80 + 1,168 + 1,285 = 2,533.
        foreach (var (method, trainable, total) in new[] { ("from scratch", 18021, 18021), ("linear probe", 325, 18021),
                 ("probe on conv features", 1285, 2533), ("full fine-tuning", 18021, 18021), ("adapter", 1421, 19117), ("LoRA", 1605, 19301) })
            Assert.Matches($@"\n{Regex.Escape(method)}\s+{trainable:N0}\s+{total:N0}\s", text);
    }

    [Fact]
    public void LearningRatesComeFromTheGridAndMoreLabelsDoNotHurt()
    {
        var text = Text;
        foreach (var task in new[] { "parity of unseen 0-4", "digits 5-9" })
        {
            var table = Table(text, task);
            foreach (var m in Methods)
            {
                Assert.Contains(table[m][0], new[] { 0.001, 0.003, 0.01 });
                Assert.True(table[m][3] >= table[m][1], $"{task}, {m}: 20 labels per class {table[m][3]} vs 2 {table[m][1]}");
            }
        }
        Assert.Contains("* the learning rate chosen on the 50 validation images at 5 labels per class", text);
    }

    [Fact]
    public void TransferPaysWhenTheSourceKnowsTheFeaturesAndLabelsAreScarce()
    {
        var parity = Table(Text, "parity of unseen 0-4");
        foreach (var column in new[] { 1, 2 })
        {
            // With 2 and 5 labels per class every pretrained method beats training from scratch; the best by 5 to 10 points.
            foreach (var m in Pretrained)
                Assert.True(parity[m][column] > parity["from scratch"][column], $"column {column}: {m} {parity[m][column]} vs scratch {parity["from scratch"][column]}");
            Assert.InRange(Best(parity, column) - parity["from scratch"][column], 0.05, 0.10);
        }
        // From scratch catches up as labels grow.
        Assert.True(Best(parity, 3) - parity["from scratch"][3] < Best(parity, 1) - parity["from scratch"][1]);
        // The 64-unit layer knows which digit it is: a probe on it beats a probe on the convolutional features.
        for (var column = 1; column <= 3; column++)
            Assert.True(parity["linear probe"][column] > parity["probe on conv features"][column], $"column {column}");
        AssertChart(Text, "20-accuracy-vs-labels.png");
    }

    [Fact]
    public void TransferDoesNotPayForNewClassesAndLateLayersAreSpecific()
    {
        var digits = Table(Text, "digits 5-9");
        for (var column = 1; column <= 3; column++)
        {
            var scratch = digits["from scratch"][column];
            // No pretrained method beats training from scratch on the new classes ...
            Assert.True(Best(digits, column) <= scratch, $"column {column}: best {Best(digits, column)} vs scratch {scratch}");
            // ... a head on the pretrained 64-unit layer (and the adapter after it) trails by more than 20 points,
            Assert.True(digits["linear probe"][column] < scratch - 0.2 && digits["adapter"][column] < scratch - 0.2, $"column {column}");
            // ... while a head on the convolutional features comes within about two points.
            Assert.InRange(scratch - digits["probe on conv features"][column], 0.0, 0.025);
        }
        Assert.InRange(digits["from scratch"][1], 0.82, 0.92);   // 10 labelled images already give about 0.87
        // Validation chose a rate of at least 0.003 for full fine-tuning and 0.001 for training from scratch, on both tasks.
        foreach (var task in new[] { "parity of unseen 0-4", "digits 5-9" })
        {
            var table = Table(Text, task);
            Assert.Equal(0.001, table["from scratch"][0]);
            Assert.True(table["full fine-tuning"][0] >= 0.003);
        }
    }

    [Fact]
    public void AdaptersAndLoRAKeepThePretrainedWeights()
    {
        var text = Text;
        var before = Number(text, @"pretrained model on unseen digits 0-4: ([\d.]+)");
        var full = Numbers(text, @"full fine-tuning\s+\(lr [\d.]+\) digits 5-9 ([\d.]+); old head on digits 0-4 ([\d.]+); pretrained weights unchanged: False");
        var lora = Numbers(text, @"LoRA\s+\(lr [\d.]+\) digits 5-9 ([\d.]+); old head on digits 0-4 ([\d.]+); pretrained weights unchanged: True; LoRA merged into W: still ([\d.]+) on 5-9");
        var adapter = Numbers(text, @"adapter\s+\(lr [\d.]+\) digits 5-9 ([\d.]+); old head on digits 0-4 ([\d.]+); pretrained weights unchanged: True");
        Assert.InRange(before - full[1], 0.05, 0.15);          // about a tenth of the old accuracy
        Assert.True(lora[1] > full[1] && adapter[1] > full[1], "the add-ons forget less than full fine-tuning");
        Assert.Equal(lora[0], lora[2]);                      // merging does not change predictions
    }
}
