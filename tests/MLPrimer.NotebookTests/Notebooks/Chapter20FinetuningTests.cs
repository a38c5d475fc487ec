using System.Text.RegularExpressions;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter20FinetuningTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("20-finetuning.ipynb").AllText;

    private static readonly string[] Methods = ["from scratch", "linear probe", "probe on conv features", "full fine-tuning", "adapter", "LoRA"];

    /// <summary>Mean accuracy of each method at each label count, from the sweep's printed lines.</summary>
    private static Dictionary<(string Method, int Labels), double> Sweep(string text)
    {
        var result = new Dictionary<(string, int), double>();
        foreach (var n in new[] { 2, 5, 10, 20 })
        {
            var line = Regex.Match(text, $@"\n\s*{n} labels per class: (.*)\[").Groups[1].Value;
            foreach (var m in Methods)
                result[(m, n)] = Number(line, $@"(?:^|  ){Regex.Escape(m)} ([\d.]+)");
        }
        return result;
    }

    [Fact]
    public void PretrainsAndRunsThePrimersRecipe()
    {
        var text = Text;
        Assert.InRange(Number(text, @"pretraining epoch 15: held-out accuracy on digits 0-4 ([\d.]+)"), 0.95, 1.0);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Notebooks, "output", "finetuning", "digits-0-4.zip")));
        Assert.Contains("200 test images (40 per digit 5-9)", text);
        var first = Number(text, @"epoch  1: test accuracy on digits 5-9 ([\d.]+)");
        var recipe = Number(text, @"the primer's recipe, 50 labels per class, 80 SGD steps: test accuracy ([\d.]+)");
        Assert.InRange(recipe, 0.6, 1.0);
        Assert.True(recipe > first + 0.2, $"training should improve the new head: {first} → {recipe}");
    }

    [Fact]
    public void TrainableParameterCountsMatchTheArchitecture()
    {
        var text = Text;
        // conv 160 + 4,640, hidden 32,832, head 325 = 37,957; adapter 64·8+8 + 8·64+64 = 1,096 (+325 head);
        // LoRA r(in+out) = 4·(512+64) = 2,304 (+325); probe on conv features 512·5+5 = 2,565.
        foreach (var (method, trainable, total) in new[] { ("from scratch", 37957, 37957), ("linear probe", 325, 37957),
                 ("probe on conv features", 2565, 7365), ("full fine-tuning", 37957, 37957), ("adapter", 1421, 39053), ("LoRA", 2629, 40261) })
            Assert.Matches($@"\n{Regex.Escape(method)}\s+{trainable:N0}\s+{total:N0}\s", text);
    }

    [Fact]
    public void SweepShowsWhichLayersTransfer()
    {
        var text = Text;
        var acc = Sweep(text);
        foreach (var m in Methods)
            Assert.True(acc[(m, 20)] >= acc[(m, 2)], $"{m}: more labels should not hurt ({acc[(m, 2)]} → {acc[(m, 20)]})");
        foreach (var n in new[] { 2, 5, 10, 20 })
        {
            // The source-specific 64-unit layer transfers badly; the convolutional features about as well as training from scratch.
            Assert.True(acc[("probe on conv features", n)] > acc[("linear probe", n)] + 0.1, $"n={n}");
            Assert.True(Math.Abs(acc[("probe on conv features", n)] - acc[("from scratch", n)]) < 0.05, $"n={n}");
        }
        Assert.InRange(acc[("from scratch", 20)], 0.9, 1.0);
        AssertChart(text, "20-accuracy-vs-labels.png");
    }

    [Fact]
    public void AdaptersAndLoRAKeepThePretrainedWeights()
    {
        var text = Text;
        var before = Number(text, @"pretrained model on digits 0-4: ([\d.]+)");
        var full = Numbers(text, @"full fine-tuning  digits 5-9 ([\d.]+); old head on digits 0-4 ([\d.]+); pretrained weights unchanged: False");
        var lora = Numbers(text, @"LoRA              digits 5-9 ([\d.]+); old head on digits 0-4 ([\d.]+); pretrained weights unchanged: True; LoRA merged into W: still ([\d.]+) on 5-9");
        Numbers(text, @"adapter           digits 5-9 ([\d.]+); old head on digits 0-4 ([\d.]+); pretrained weights unchanged: True");
        Assert.True(full[1] < before, $"full fine-tuning should cost the old task something ({before} → {full[1]})");
        Assert.Equal(lora[0], lora[2]);                      // merging does not change predictions
    }
}
