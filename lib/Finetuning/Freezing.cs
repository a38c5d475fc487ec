using TorchSharp;

namespace MLPrimer.Finetuning;

/// <summary>Freezing and counting parameters: the bookkeeping of fine-tuning (which weights train, and how many).</summary>
public static class Freezing
{
    /// <summary>Stops every parameter of <paramref name="module"/> from training (requires_grad = false); returns the module.</summary>
    public static T Freeze<T>(T module) where T : torch.nn.Module => SetTrainable(module, false);

    /// <summary>Lets every parameter of <paramref name="module"/> train again (requires_grad = true); returns the module.</summary>
    public static T Unfreeze<T>(T module) where T : torch.nn.Module => SetTrainable(module, true);

    /// <summary>Number of parameter elements that will receive gradients.</summary>
    public static long TrainableParameters(torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
    }

    /// <summary>Number of parameter elements, trainable or frozen.</summary>
    public static long TotalParameters(torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.parameters().Sum(p => p.numel());
    }

    private static T SetTrainable<T>(T module, bool trainable) where T : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        foreach (var p in module.parameters()) p.requires_grad = trainable;
        return module;
    }
}
