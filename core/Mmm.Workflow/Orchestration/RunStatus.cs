namespace Mmm.Workflow.Orchestration;

/// <summary>The `customStatus` of a running orchestration (docs/contract.md, "Status"), serialised with <see cref="WorkflowJson"/>.</summary>
public sealed record RunStatus(
    string Phase,
    int OuterIteration,
    int MaxOuterIterations,
    int Epoch,
    double? H,
    double? Rho,
    double? Alpha,
    double? Loss,
    double Percent,
    double? EtaSeconds)
{
    /// <summary>Members of the posterior ensemble finished, of <see cref="Members"/> (null without an ensemble).</summary>
    public int? MembersDone { get; init; }
    public int? Members { get; init; }
    /// <summary>Self-check refits finished, of <see cref="SelfCheck"/> (null without a self-check).</summary>
    public int? SelfCheckDone { get; init; }
    public int? SelfCheck { get; init; }
}

public static class Phases
{
    public const string Validating = "validating", WarmStart = "warm_start", Training = "training",
        Refits = "refits", Decomposing = "decomposing", Writing = "writing", Planning = "planning";
}
