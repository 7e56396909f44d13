using Mmm.Science.Data;

namespace Mmm.Lab.Recovery;

/// <summary>A panel to fit and the truth to score the fit against.</summary>
public sealed record RecoveryCase(string Name, Panel Panel, RecoveryTruth Truth);

/// <summary>One scenario of the suite: a name, what it exercises, and how to load its panel and truth.</summary>
/// <param name="Features">Short labels of what the scenario exercises (e.g. "zero-effect", "funnel edge").</param>
public sealed record RecoveryScenario(string Name, IReadOnlyList<string> Features, Func<CancellationToken, Task<RecoveryCase>> LoadAsync);
