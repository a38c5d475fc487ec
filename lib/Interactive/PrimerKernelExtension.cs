using Microsoft.DotNet.Interactive;
using MLPrimer.Device;

namespace MLPrimer.Interactive;

/// <summary>Runs when a notebook references the MLPrimer package: loads TorchSharp's natives and registers the formatters.</summary>
public sealed class PrimerKernelExtension : IKernelExtension
{
    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        TorchNative.EnsureLoaded();
        PrimerFormatters.Register();
        return Task.CompletedTask;
    }
}
