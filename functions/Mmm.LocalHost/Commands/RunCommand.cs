using Microsoft.Extensions.Logging;
using Mmm.LocalHost.ConsoleOutput;
using Mmm.LocalHost.Engine;
using Mmm.LocalHost.Hosting;
using Mmm.LocalHost.Settings;
using Mmm.Science.Results;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm run</c> (its options: <see cref="RunCli"/>): serves in process, uploads the file to the
/// input container and starts its run, follows it, downloads the outputs. Exit 0 on
/// success; 1 with the failure message otherwise. Its engine joins the task hub like any other worker: a
/// `serve` already running on the same hub shares the work.
/// </summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(string file, string? configPath, string? outDir, ILoggerFactory logging)
    {
        if (!File.Exists(file)) throw new UsageException($"input file not found: {file}");
        if (!DatasetNames.TryBlobName(Path.GetFileName(file), out var blobName, out var error)) throw new UsageException(error);
        string? config = configPath is not null ? await File.ReadAllTextAsync(configPath) : null;

        await using var pipeline = await LocalPipeline.StartAsync(LocalSettings.Load(), logging, "http://127.0.0.1:0");
        await using var data = File.OpenRead(file);
        var run = await RunFollower.UploadAndFollowAsync(pipeline, data, blobName, config,
            outDir ?? Path.Combine("out", Path.GetFileNameWithoutExtension(blobName)));
        return Report(run);
    }

    /// <summary>Prints the outcome of a followed run and returns the exit code.</summary>
    public static int Report(FollowedRun run)
    {
        if (run.State.RuntimeStatus != RuntimeStatus.Completed)
        {
            Console.Error.WriteLine($"error: run {run.InstanceId} ended {run.State.RuntimeStatus}: {RunFollower.FailureMessage(run.State)}");
            return 1;
        }
        var summary = SummaryJson.Deserialize(File.ReadAllText(Path.Combine(run.OutputDirectory!, OutputTables.SummaryFile)));
        SummaryPrinter.Print(summary);
        Console.WriteLine($"run {run.InstanceId} completed in {run.Total.TotalSeconds:F1} s " +
                          $"(upload to start {run.UploadToStart.TotalSeconds:F1} s, to running {run.UploadToRunning.TotalSeconds:F1} s); outputs in {run.OutputDirectory}");
        var t = run.Timings;
        Console.WriteLine($"orchestration: {t.Wall.TotalSeconds:F1} s wall, {t.InActivities.TotalSeconds:F1} s inside {t.Activities} activities run here, " +
                          $"overhead {t.Overhead.TotalSeconds:F2} s ({t.OverheadPerActivity.TotalSeconds:F3} s per activity, " +
                          $"{100 * t.Overhead.TotalSeconds / Math.Max(1e-9, run.Total.TotalSeconds):F1} % of the run)");
        return 0;
    }
}
