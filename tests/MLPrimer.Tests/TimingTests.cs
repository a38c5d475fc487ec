namespace MLPrimer.Tests;

/// <summary>Median-of-N timing: how often it calls the action and how it rejects bad arguments (no timing assertions).</summary>
public class TimingTests
{
    [Fact]
    public void OneWarmUpThenRepeatsTimedCalls()
    {
        var calls = 0;
        var ms = Timing.MedianMs(() => calls++, repeats: 4);
        Assert.Equal(5, calls);                 // 1 warm-up + 4 timed
        Assert.True(ms >= 0 && double.IsFinite(ms));
        calls = 0;
        Timing.MedianMs(() => calls++);
        Assert.Equal(6, calls);                 // default: 1 warm-up + 5 timed
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Throws<ArgumentNullException>("action", () => Timing.MedianMs(null!));
        Assert.Throws<ArgumentOutOfRangeException>("repeats", () => Timing.MedianMs(() => { }, 0));
    }
}
