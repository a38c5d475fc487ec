namespace MLPrimer.Tests;

/// <summary>The shared sigmoid at hand-worked points.</summary>
public class FunctionsTests
{
    [Fact]
    public void SigmoidAtHandWorkedPoints()
    {
        Assert.Equal(0.5, Functions.Sigmoid(0.0));
        // z = ln 3: 1 / (1 + 1/3) = 3/4; z = -ln 3: 1 / (1 + 3) = 1/4
        Assert.Equal(0.75, Functions.Sigmoid(Math.Log(3)), 12);
        Assert.Equal(0.25, Functions.Sigmoid(-Math.Log(3)), 12);
        // Far tails saturate without NaN: e^1000 overflows to +inf, 1 / inf = 0.
        Assert.Equal(1.0, Functions.Sigmoid(1000.0));
        Assert.Equal(0.0, Functions.Sigmoid(-1000.0));
        Assert.Equal(0.75f, Functions.Sigmoid(MathF.Log(3f)), 6);
        Assert.Equal(0f, Functions.Sigmoid(-200f));
    }
}
