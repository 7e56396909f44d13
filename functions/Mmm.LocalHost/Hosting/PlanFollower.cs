using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Hosting;

/// <summary>How a followed plan ended: its instance, final state, and where its folder was downloaded (null unless it completed).</summary>
public sealed record FollowedPlan(string InstanceId, InstanceState State, string? OutputDirectory);

/// <summary>
/// What `demo` does after its run: put a plan request next to the finished run and start its <see cref="MmmPlanner"/> (the shared
/// <see cref="PlanStarter"/>, as a dropped request or the HTTP route would), wait for it, and download the plan's folder.
/// </summary>
public static class PlanFollower
{
    public static async Task<FollowedPlan> RequestAndFollowAsync(LocalPipeline pipeline, string runInstanceId, string name, string requestJson,
        string outputDirectory, CancellationToken ct = default)
    {
        var plan = await pipeline.Plans.UploadAndStartAsync(new EngineStarter(pipeline.Client), runInstanceId, name, requestJson, ct);
        Console.Error.WriteLine($"plan request {pipeline.Plans.Output.Name}/{plan.BlobName}; instance {plan.InstanceId}");
        InstanceState? state;
        while ((state = await pipeline.Client.GetAsync(plan.InstanceId, showInput: false, ct: ct)) is not { IsFinished: true })
            await Task.Delay(100, ct);
        if (state.RuntimeStatus != RuntimeStatus.Completed) return new FollowedPlan(plan.InstanceId, state, null);
        var directory = Path.GetFullPath(outputDirectory);
        await RunFollower.DownloadFolderAsync(pipeline.Blobs, plan.Input.OutputPrefix, directory, ct);
        return new FollowedPlan(plan.InstanceId, state, directory);
    }
}
