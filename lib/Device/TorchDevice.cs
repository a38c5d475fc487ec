using TorchSharp;

namespace MLPrimer.Device;

/// <summary>Chooses where tensors live: CUDA when TorchSharp sees a GPU, CPU otherwise, overridable by MLPRIMER_DEVICE.</summary>
public static class TorchDevice
{
    /// <summary>Environment variable that forces the device: "cpu", "cuda" or "auto" (the default).</summary>
    public const string EnvironmentVariable = "MLPRIMER_DEVICE";

    /// <summary>Picks the device (see <see cref="EnvironmentVariable"/>) and says on the console what it picked and why.</summary>
    public static torch.Device Pick(TextWriter? log = null)
    {
        var (device, reason) = Choose(Environment.GetEnvironmentVariable(EnvironmentVariable));
        (log ?? Console.Out).WriteLine($"Device: {device.type.ToString().ToLowerInvariant()} ({reason})");
        return device;
    }

    /// <summary>One line describing the TorchSharp build, the device and the thread count, for environment checks.</summary>
    public static string Describe()
    {
        TorchNative.EnsureLoaded();
        var cuda = torch.cuda.is_available() ? $"CUDA available ({torch.cuda.device_count()} device(s))" : "CUDA not available";
        return $"TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}, {cuda}, {torch.get_num_threads()} CPU threads";
    }

    internal static (torch.Device Device, string Reason) Choose(string? setting)
    {
        var wanted = string.IsNullOrWhiteSpace(setting) ? "auto" : setting.Trim().ToLowerInvariant();
        if (wanted is not ("auto" or "cpu" or "cuda"))
            throw new ArgumentException($"{EnvironmentVariable} must be 'auto', 'cpu' or 'cuda', not '{setting}'.", nameof(setting));
        if (wanted == "cpu") return (torch.CPU, $"{EnvironmentVariable}=cpu");
        if (wanted == "auto") TorchNative.EnsureLoaded();
        else torch.InitializeDeviceType(DeviceType.CUDA);
        var hasCuda = torch.cuda.is_available();
        if (wanted == "cuda" && !hasCuda)
            throw new InvalidOperationException($"{EnvironmentVariable}=cuda but TorchSharp sees no CUDA device: reference TorchSharp-cuda-linux instead of TorchSharp-cpu and check the NVIDIA driver.");
        return hasCuda ? (torch.CUDA, wanted == "cuda" ? $"{EnvironmentVariable}=cuda" : "a CUDA GPU is available")
                       : (torch.CPU, "no CUDA GPU visible to TorchSharp");
    }
}
