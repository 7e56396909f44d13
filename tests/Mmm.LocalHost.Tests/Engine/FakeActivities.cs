using System.Collections.Concurrent;
using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Training;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Tests.Engine;

/// <summary>
/// Stand-ins for the seven activities under their real names, returning canned records (no training, no storage):
/// they record what they were given and how often they ran, so a test can check what the engine and the real
/// orchestrator did. <see cref="BlockDelay"/> makes training blocks slow enough to suspend or terminate a run.
/// </summary>
public sealed class FakeActivities
{
    public static readonly MmmOptions Options = new() { DagMode = DagMode.Notears, Epochs = 3, NotearsWarmupEpochs = 1, NotearsDualUpdateEvery = 1 };

    public ConcurrentQueue<TrainingBlock> Blocks { get; } = new();
    public ConcurrentQueue<RefitInput> Refits { get; } = new();
    public ConcurrentDictionary<string, int> Runs { get; } = new();
    public WriteOutputFilesInput? WroteOutputFiles { get; private set; }
    public FailureInput? Failure { get; private set; }
    public RunError? InputError { get; init; }
    public TimeSpan BlockDelay { get; init; }

    public static RunInput Run(string dataset) => new(dataset, $"http://store/mmm-input/{dataset}.parquet", "\"0x1\"", null,
        $"http://store/mmm-output/{dataset}/id", $"http://store/mmm-work/{dataset}/id");

    public int RunsOf(string activity) => Runs.GetValueOrDefault(activity);

    public IReadOnlyList<ActivityBinding> Bindings =>
    [
        ActivityBinding.For<ActivityInput, PreparedRun>(ActivityNames.ValidateAndScale, (input, _) =>
        {
            Count(ActivityNames.ValidateAndScale);
            return Task.FromResult(InputError is null
                ? new PreparedRun(Options, input.CheckpointOut, 520, 4, 130, 3, 2, "cpu", null)
                : new PreparedRun(null, null, 0, 0, 0, 0, 0, null, InputError));
        }),
        ActivityBinding.For<ActivityInput, string>(ActivityNames.WarmStart, (input, _) =>
        {
            Count(ActivityNames.WarmStart);
            return Task.FromResult(input.CheckpointOut!);
        }),
        ActivityBinding.For<TrainBlockInput, TrainBlockResult>(ActivityNames.TrainOuterIteration, async (input, ct) =>
        {
            Count(ActivityNames.TrainOuterIteration);
            await Task.Delay(BlockDelay, ct);
            var block = input.Block;
            Blocks.Enqueue(block);
            double h = 0.5 / block.OuterIteration;
            var rows = Enumerable.Range(1, block.Epochs)
                .Select(e => new HistoryRow(block.OuterIteration, e, 1.0 / e, 0.8, 0.2, h, block.Duals.Rho, block.Duals.Alpha, 0.9, null, 12))
                .ToList();
            var report = new BlockReport(block.OuterIteration, block.Epochs, 3, h, 1.0, 0.8, 0.2, 0.9, 0.7, false, 0.01, rows);
            return new TrainBlockResult(report, input.Activity.CheckpointOut!);
        }),
        ActivityBinding.For<RefitInput, RefitBatchResult>(ActivityNames.FitRefits, (input, _) =>
        {
            Count(ActivityNames.FitRefits);
            Refits.Enqueue(input);
            var totals = Enumerable.Range(input.First, input.Count).Select(i => new double[] { i, i, i }).ToList();
            return Task.FromResult(new RefitBatchResult(input.Kind, input.First, totals));
        }),
        ActivityBinding.For<WriteOutputFilesInput, WriteOutputFilesResult>(ActivityNames.WriteOutputFiles, (input, _) =>
        {
            Count(ActivityNames.WriteOutputFiles);
            WroteOutputFiles = input;
            return Task.FromResult(new WriteOutputFilesResult(0.91, 0.85, 0.12, 0.0625, input.History.Count));
        }),
        ActivityBinding.For<ActivityInput, bool>(ActivityNames.CommitOutputs, (_, _) =>
        {
            Count(ActivityNames.CommitOutputs);
            return Task.FromResult(true);
        }),
        ActivityBinding.For<FailureInput, bool>(ActivityNames.WriteFailure, (input, _) =>
        {
            Count(ActivityNames.WriteFailure);
            Failure = input;
            return Task.FromResult(true);
        }),
    ];

    private void Count(string name) => Runs.AddOrUpdate(name, 1, (_, n) => n + 1);
}
