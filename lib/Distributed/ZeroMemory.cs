namespace MLPrimer.Distributed;

/// <summary>How much of the model state ZeRO partitions across the data-parallel devices (Rajbhandari et al., 2020).</summary>
public enum ZeroStage
{
    /// <summary>Plain data parallelism: every device holds everything.</summary>
    None = 0,
    /// <summary>Stage 1 (P_os): optimizer states partitioned.</summary>
    OptimizerStates = 1,
    /// <summary>Stage 2 (P_os+g): optimizer states and gradients partitioned.</summary>
    Gradients = 2,
    /// <summary>Stage 3 (P_os+g+p): optimizer states, gradients and parameters partitioned.</summary>
    Parameters = 3,
}

/// <summary>ZeRO's memory arithmetic: bytes of model state (parameters, gradients, optimizer states) per device.</summary>
/// <remarks>Mixed-precision Adam keeps fp16 parameters (2 bytes) and gradients (2 bytes) plus an fp32 master copy, momentum and
/// variance (K = 12 bytes) per parameter: 16 bytes in all. Stage 1 divides the K bytes by the number of devices N, stage 2 also the
/// gradient bytes, stage 3 everything. Activations and buffers are not counted.</remarks>
public static class ZeroMemory
{
    /// <summary>Model-state bytes per parameter on one device for <paramref name="stage"/> over <paramref name="devices"/> devices.</summary>
    public static double BytesPerParameter(ZeroStage stage, int devices, double parameterBytes = 2, double gradientBytes = 2, double optimizerBytes = 12)
    {
        Guard.AtLeast(devices, 1, nameof(devices));
        static bool Bad(double b) => !(b >= 0) || double.IsInfinity(b);
        if (Bad(parameterBytes) || Bad(gradientBytes) || Bad(optimizerBytes))
            throw new ArgumentException("byte counts must be finite and not negative.", Bad(parameterBytes) ? nameof(parameterBytes) : Bad(gradientBytes) ? nameof(gradientBytes) : nameof(optimizerBytes));
        return stage switch
        {
            ZeroStage.None => parameterBytes + gradientBytes + optimizerBytes,
            ZeroStage.OptimizerStates => parameterBytes + gradientBytes + optimizerBytes / devices,
            ZeroStage.Gradients => parameterBytes + (gradientBytes + optimizerBytes) / devices,
            ZeroStage.Parameters => (parameterBytes + gradientBytes + optimizerBytes) / devices,
            _ => throw new ArgumentException($"unknown ZeRO stage {stage}.", nameof(stage)),
        };
    }

    /// <summary>Model-state bytes on one device for a model of <paramref name="parameters"/> parameters.</summary>
    public static double DeviceBytes(long parameters, ZeroStage stage, int devices, double parameterBytes = 2, double gradientBytes = 2, double optimizerBytes = 12)
    {
        if (parameters < 0) throw new ArgumentException($"parameters must not be negative (got {parameters}).", nameof(parameters));
        return parameters * BytesPerParameter(stage, devices, parameterBytes, gradientBytes, optimizerBytes);
    }
}
