using Mmm.Science.Options;
using Mmm.Science.Training;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// How the structural refits of a run (the posterior ensemble's members, the self-check's refits) are cut into
/// activities, and how their results come back together. A batch of <see cref="BatchSize"/> refits fits as one batched
/// model (on a small panel about as fast as one refit); several batches spread the work over the task hub's workers.
/// Pure and deterministic, so the orchestrator replays it.
/// </summary>
public static class RefitPlan
{
    public const int BatchSize = 5;

    public sealed record Batch(string Kind, int First, int Count);

    public static IReadOnlyList<Batch> Batches(MmmOptions o)
    {
        if (o.Architecture == Architecture.Reference) return [];
        return [.. Cut(RefitKinds.Members, o.EnsembleMembers), .. Cut(RefitKinds.SelfCheck, o.SelfCheck)];
    }

    private static IEnumerable<Batch> Cut(string kind, int total)
    {
        for (int first = 0; first < total; first += BatchSize) yield return new Batch(kind, first, Math.Min(BatchSize, total - first));
    }

    /// <summary>The batches' results in index order, per kind; null when the run has no refits.</summary>
    public static RefitResults? Collect(IReadOnlyList<RefitBatchResult> batches)
    {
        if (batches.Count == 0) return null;
        List<double[]> Of(string kind) => batches.Where(b => b.Kind == kind).OrderBy(b => b.First).SelectMany(b => b.Totals).ToList();
        var members = batches.Where(b => b.Kind == RefitKinds.Members).OrderBy(b => b.First).ToList();
        var edges = members.Count > 0 && members.All(b => b.Edges is not null) ? members.SelectMany(b => b.Edges!).ToList() : null;
        var draws = members.Count > 0 && members.All(b => b.Draws is not null) ? members.SelectMany(b => b.Draws!).ToList() : null;
        return new RefitResults(Of(RefitKinds.Members), Of(RefitKinds.SelfCheck), edges, draws);
    }

    /// <summary><paramref name="status"/> with how many members and self-check refits have finished (counted from the finished batches).</summary>
    public static RunStatus Progress(RunStatus status, MmmOptions o, IReadOnlyList<(Batch Batch, Task<RefitBatchResult> Task)> refits)
    {
        if (refits.Count == 0) return status;
        int Done(string kind) => refits.Where(r => r.Batch.Kind == kind && r.Task.IsCompletedSuccessfully).Sum(r => r.Batch.Count);
        return status with
        {
            MembersDone = o.EnsembleMembers > 0 ? Done(RefitKinds.Members) : null,
            Members = o.EnsembleMembers > 0 ? o.EnsembleMembers : null,
            SelfCheckDone = o.SelfCheck > 0 ? Done(RefitKinds.SelfCheck) : null,
            SelfCheck = o.SelfCheck > 0 ? o.SelfCheck : null,
        };
    }
}
