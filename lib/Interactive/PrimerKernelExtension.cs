using Microsoft.DotNet.Interactive;
using MLPrimer.Device;

namespace MLPrimer.Interactive;

/// <summary>Runs when a notebook references the MLPrimer package: loads TorchSharp's natives, registers the formatters, and stops leftover model servers, Prometheus and Redis instances and feature workers when the kernel goes.</summary>
public sealed class PrimerKernelExtension : IKernelExtension
{
    private bool _registeredAfterOtherExtensions;

    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        TorchNative.EnsureLoaded();
        PrimerFormatters.Register();
        // Processes a notebook started but did not stop (a cell failed before its Dispose) stop with the kernel.
        kernel.RegisterForDisposal(MLPrimer.Serving.ModelServerProcess.StopAll);
        kernel.RegisterForDisposal(MLPrimer.Monitoring.PrometheusProcess.StopAll);
        kernel.RegisterForDisposal(MLPrimer.Messaging.RedisServerProcess.StopAll);
        kernel.RegisterForDisposal(MLPrimer.Messaging.FeatureWorkerProcess.StopAll);
        // Other packages loaded in the same cell (Microsoft.Data.Analysis has its own DataFrame formatter) may
        // register after us; registering once more before the next command makes ours the ones in force.
        kernel.AddMiddleware(async (command, context, next) =>
        {
            if (!_registeredAfterOtherExtensions)
            {
                _registeredAfterOtherExtensions = true;
                PrimerFormatters.Register();
            }
            await next(command, context);
        });
        return Task.CompletedTask;
    }
}
