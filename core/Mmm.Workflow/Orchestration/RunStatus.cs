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
    double? EtaSeconds);

public static class Phases
{
    public const string Validating = "validating", Scaling = "scaling", WarmStart = "warm_start", Training = "training",
        Decomposing = "decomposing", Writing = "writing";
}
