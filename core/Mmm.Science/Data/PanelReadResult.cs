namespace Mmm.Science.Data;

/// <summary>A validated panel and the effective run config it was read with.</summary>
public sealed record PanelReadResult(Panel Panel, RunConfig Config);
