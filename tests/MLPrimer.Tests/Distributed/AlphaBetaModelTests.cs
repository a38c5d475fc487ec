using MLPrimer.Distributed;

namespace MLPrimer.Tests.Distributed;

public class AlphaBetaModelTests
{
    [Fact]
    public void RecoversAnExactLine()
    {
        // t = 0.02 ms + bytes / (2 GB/s) = 0.02 + 5e-7 · bytes (hand-made points on the line).
        double[] bytes = [4, 1024, 65536, 4194304];
        var ms = bytes.Select(b => 0.02 + 5e-7 * b).ToArray();
        var fit = AlphaBetaModel.Fit(bytes, ms);
        Assert.Equal(0.02, fit.AlphaMs, 9);
        Assert.Equal(5e-7, fit.BetaMsPerByte, 12);
        Assert.Equal(2.0, fit.BandwidthGBps, 6);
        Assert.Equal(0.02 + 5e-7 * 1000, fit.PredictMs(1000), 9);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>("milliseconds", () => AlphaBetaModel.Fit([1, 2], [1]));
        Assert.Throws<ArgumentException>("bytes", () => AlphaBetaModel.Fit([8, 8], [1, 2]));
        Assert.Throws<ArgumentException>("milliseconds", () => AlphaBetaModel.Fit([1, 2], [1, 0]));
    }
}
