using MLPrimer.Device;
using TorchSharp;

namespace MLPrimer.Tests.Device;

public class TorchDeviceTests
{
    [Fact]
    public void CpuSettingForcesCpu()
    {
        var (device, reason) = TorchDevice.Choose("cpu");
        Assert.Equal(DeviceType.CPU, device.type);
        Assert.Contains("MLPRIMER_DEVICE=cpu", reason);
    }

    [Fact]
    public void AutoPicksCudaExactlyWhenTorchSeesIt()
    {
        var (device, _) = TorchDevice.Choose(null);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, device.type);
    }

    [Fact]
    public void UnknownSettingIsRejectedWithTheVariableName()
    {
        var e = Assert.Throws<ArgumentException>(() => TorchDevice.Choose("tpu"));
        Assert.Contains("MLPRIMER_DEVICE", e.Message);
        Assert.Contains("tpu", e.Message);
    }

    [Fact]
    public void PickSaysWhatItPicked()
    {
        var log = new StringWriter();
        var device = TorchDevice.Pick(log);
        Assert.StartsWith($"Device: {device.type.ToString().ToLowerInvariant()} (", log.ToString());
    }

    [Fact]
    public void DescribeNamesTheLibtorchVersion()
    {
        var text = TorchDevice.Describe();
        Assert.Contains("libtorch 2.10", text);
    }
}
