namespace Mmm.Science.Decisions;

/// <summary>
/// One draw of the media response (docs/model.md §3): per channel the normalised adstock's decay, the Hill curve's slope and
/// half point (in the channel's mean scaled media), and per region and channel the stable effect in scaled KPI units (the
/// region's mean KPI). The run's structural fit is one draw; each member of the posterior ensemble (§8) is another.
/// </summary>
/// <param name="Effect">[R*C] region-major.</param>
public sealed record ResponseDraw(double[] Decay, double[] Slope, double[] Half, double[] Effect);
