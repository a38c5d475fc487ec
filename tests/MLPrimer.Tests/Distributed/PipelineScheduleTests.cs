using MLPrimer.Distributed;

namespace MLPrimer.Tests.Distributed;

public class PipelineScheduleTests
{
    [Theory]
    [InlineData(1.0, 2.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.5, 1.5)]
    public void BubbleFractionMatchesGPipeFormula(double forward, double backward)
    {
        for (var k = 1; k <= 6; k++)
            for (var m = 1; m <= 16; m++)
            {
                var schedule = PipelineSchedule.GPipe(k, m, forward, backward);
                Assert.Equal((k - 1.0) / (m + k - 1.0), schedule.BubbleFraction, 1e-12);
                Assert.Equal(PipelineSchedule.GPipeBubbleFormula(k, m), schedule.BubbleFraction, 1e-12);
                // Forward wave and backward wave each take M + K - 1 slots.
                Assert.Equal((m + k - 1) * (forward + backward), schedule.Makespan, 1e-9);
            }
    }

    [Fact]
    public void TasksRespectDependenciesAndNeverOverlapOnAStage()
    {
        var s = PipelineSchedule.GPipe(4, 6);
        Assert.Equal(2 * 4 * 6, s.Tasks.Count);
        var byKey = s.Tasks.ToDictionary(t => (t.Stage, t.MicroBatch, t.Backward));
        foreach (var t in s.Tasks)
        {
            if (!t.Backward && t.Stage > 0) Assert.True(t.Start >= byKey[(t.Stage - 1, t.MicroBatch, false)].End);
            if (t.Backward && t.Stage < 3) Assert.True(t.Start >= byKey[(t.Stage + 1, t.MicroBatch, true)].End);
            if (t.Backward) Assert.True(t.Start >= byKey[(t.Stage, t.MicroBatch, false)].End);
        }
        foreach (var stage in s.Tasks.GroupBy(t => t.Stage))
        {
            var ordered = stage.OrderBy(t => t.Start).ToArray();
            for (var i = 1; i < ordered.Length; i++) Assert.True(ordered[i].Start >= ordered[i - 1].End);
        }
        // Hand check: stage 3 (last) starts its first forward at t = 3 and the first backward right after its last forward (t = 9).
        Assert.Equal(3.0, byKey[(3, 0, false)].Start);
        Assert.Equal(9.0, byKey[(3, 0, true)].Start);
    }

    [Fact]
    public void OneStageHasNoBubble()
    {
        Assert.Equal(0.0, PipelineSchedule.GPipe(1, 5).BubbleFraction, 1e-12);
        Assert.Equal(15.0, PipelineSchedule.GPipe(1, 5).Makespan);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>("stages", () => PipelineSchedule.GPipe(0, 4));
        Assert.Throws<ArgumentException>("microBatches", () => PipelineSchedule.GPipe(2, 0));
        Assert.Throws<ArgumentException>("forwardTime", () => PipelineSchedule.GPipe(2, 2, forwardTime: 0));
        Assert.Throws<ArgumentException>("backwardTime", () => PipelineSchedule.GPipe(2, 2, backwardTime: double.NaN));
        Assert.Throws<ArgumentException>("stages", () => PipelineSchedule.GPipeBubbleFormula(0, 1));
    }
}
