namespace MLPrimer;

/// <summary>Facts about the helper library itself.</summary>
public static class Primer
{
    /// <summary>The library's version, as packed into the local feed the notebooks load.</summary>
    public static string Version => typeof(Primer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
