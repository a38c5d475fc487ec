namespace MLPrimer.Charts;

/// <summary>An interactive Plotly chart as self-contained HTML (Plotly's script is inlined once per kernel, so it works offline).</summary>
public sealed record PlotlyView(string Html)
{
    /// <inheritdoc />
    public override string ToString() => "[interactive Plotly chart]";
}
