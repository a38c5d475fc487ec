using MLPrimer.Distributed;

namespace MLPrimer.Tests.Distributed;

public class ZeroMemoryTests
{
    [Fact]
    public void MatchesThePapersSevenAndAHalfBillionParameterExample()
    {
        // ZeRO paper, Figure 1: Ψ = 7.5B parameters, N_d = 64 devices, K = 12 → 120 GB, 31.4 GB, 16.6 GB, 1.88 GB.
        const long psi = 7_500_000_000;
        Assert.Equal(120e9, ZeroMemory.DeviceBytes(psi, ZeroStage.None, 64), 1e3);
        Assert.Equal(31.40625e9, ZeroMemory.DeviceBytes(psi, ZeroStage.OptimizerStates, 64), 1e3);   // 4Ψ + 12Ψ/64
        Assert.Equal(16.640625e9, ZeroMemory.DeviceBytes(psi, ZeroStage.Gradients, 64), 1e3);        // 2Ψ + 14Ψ/64
        Assert.Equal(1.875e9, ZeroMemory.DeviceBytes(psi, ZeroStage.Parameters, 64), 1e3);           // 16Ψ/64
    }

    [Fact]
    public void OneDeviceGainsNothingAndCustomByteCountsAreUsed()
    {
        foreach (var stage in Enum.GetValues<ZeroStage>()) Assert.Equal(16.0, ZeroMemory.BytesPerParameter(stage, 1));
        // fp32 training with plain SGD + momentum: 4 + 4 + 4 bytes; stage 2 over 4 devices keeps 4 + 8/4 = 6.
        Assert.Equal(6.0, ZeroMemory.BytesPerParameter(ZeroStage.Gradients, 4, parameterBytes: 4, gradientBytes: 4, optimizerBytes: 4));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>("devices", () => ZeroMemory.BytesPerParameter(ZeroStage.None, 0));
        Assert.Throws<ArgumentException>("optimizerBytes", () => ZeroMemory.BytesPerParameter(ZeroStage.None, 1, optimizerBytes: -1));
        Assert.Throws<ArgumentException>("parameters", () => ZeroMemory.DeviceBytes(-5, ZeroStage.None, 1));
        Assert.Throws<ArgumentException>("stage", () => ZeroMemory.BytesPerParameter((ZeroStage)7, 2));
    }
}
