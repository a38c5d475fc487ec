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
        var n = Numbers(text, @"best run: lr=[\d.]+, held-out perplexity ([\d.]+) \(unigram ([\d.]+), bigram ([\d.]+)\)");
        Assert.InRange(n[1], 100, 200);           // a unigram model on a 2,000-word vocabulary
        Assert.True(n[0] < n[1], $"neural {n[0]} vs unigram {n[1]}");
        Assert.True(n[0] < n[2], $"neural {n[0]} vs bigram {n[2]}");
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
