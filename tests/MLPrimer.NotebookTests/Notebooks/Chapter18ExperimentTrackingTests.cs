using MLPrimer.Tracking;
using static MLPrimer.Tests.Notebooks.NotebookText;

namespace MLPrimer.Tests.Notebooks;

[Collection(nameof(NotebookCollection))]
public class Chapter18ExperimentTrackingTests(CurriculumFixture curriculum)
{
    private string Text => curriculum.Load("18-experiment-tracking.ipynb").AllText;

    [Fact]
    public void NeuralModelBeatsTheCountBaselines()
    {
        var text = Text;
        // The learning rate is chosen on validation perplexity; the test sentences score the chosen run once.
        var n = Numbers(text, @"best run on validation: lr=[\d.]+, validation perplexity ([\d.]+); test perplexity ([\d.]+) \(unigram ([\d.]+), bigram ([\d.]+)\)");
        Assert.InRange(n[2], 100, 200);           // a unigram model on a 2,000-word vocabulary
        Assert.True(n[1] < n[2], $"neural {n[1]} vs unigram {n[2]}");
        Assert.True(n[1] < n[3], $"neural {n[1]} vs bigram {n[3]}");
        // The prose's figures, and the chosen run's test perplexity a little above its validation perplexity.
        Assert.InRange(n[0], 55.5, 56.5);          // "about 56"
        Assert.InRange(n[1], 58.5, 59.5);          // "about 59"
        Assert.Equal([136.4, 70.3], n[2..]);       // count-based: exact
        Assert.True(n[1] > n[0] && n[1] < 1.1 * n[0]);
        // One word of context roughly halves the perplexity; k is chosen on validation.
        Assert.InRange(n[3] / n[2], 0.4, 0.65);
        var unigramValidation = Number(text, @"unigram, add-one:  validation perplexity ([\d.]+)");
        var bigramValidation = System.Text.RegularExpressions.Regex.Matches(text, @"bigram, add-([\d.]+)\s*: validation perplexity ([\d.]+)")
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, bigramValidation.Count);
        var chosenK = Numbers(text, @"bigram with the k chosen on validation \(k = ([\d.]+)\)")[0];
        Assert.Equal(bigramValidation.Values.Min(), bigramValidation[chosenK.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        // All three runs beat the unigram baseline within the first epoch.
        var firstEpochs = System.Text.RegularExpressions.Regex.Matches(text, @"run lr=[\d.]+:\n  epoch 1/2: validation perplexity ([\d.]+)");
        Assert.Equal(3, firstEpochs.Count);
        Assert.All(firstEpochs, m => Assert.True(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < unigramValidation));
        AssertChart(text, "18-loss-curves.png");
        AssertChart(text, "18-gradients-and-learning-rate.png");
        AssertChart(text, "18-throughput-and-memory.png");
    }

    [Fact]
    public void CheckpointsRestoreAndResumeExactly()
    {
        var text = Text;
        Assert.Contains("epoch 10, loss 0.1, weights restored exactly: True", text);
        Assert.Contains("files in the checkpoint folder: checkpoint.zip", text);
        Assert.Contains("max |difference| = 0", text);
        Assert.Contains("resumed run bit-identical to the uninterrupted run: True", text);
        Assert.Contains("matches data/SHA256SUMS: True", text);
    }

    [Fact]
    public void TheStoreHoldsEveryRun()
    {
        _ = Text;  // make sure the notebook ran
        using var tracker = ExperimentTracker.Open(Path.Combine(RepoPaths.Notebooks, "output", "tracking"));
        var runs = tracker.Runs();
        Assert.Equal(4, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Finished, r.Status));
        Assert.All(runs, r => Assert.Equal("611c86cb3645822f1edf8e91145136389096a7f0a4f3c47a6165be408a5d589e", r.Data.Single().Sha256));
        // The resumed run logged as many points as an uninterrupted one, and ended where the reference run ended.
        Assert.Equal(tracker.Metric(2, "loss"), tracker.Metric(4, "loss"));
        Assert.Equal(tracker.Metric(2, "val_perplexity"), tracker.Metric(4, "val_perplexity"));
    }
}
