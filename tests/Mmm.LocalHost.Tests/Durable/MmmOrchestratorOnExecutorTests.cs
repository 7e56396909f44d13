using Mmm.LocalHost.Tests.Support;
using System.Collections.Concurrent;
using System.Text.Json;
using Mmm.LocalHost.Durable;
using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Training;
using Mmm.Workflow.Orchestration;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Durable;

/// <summary>
/// The real <see cref="MmmOrchestrator"/> on the executor, with fake activities registered under the real
/// activity names that return canned records: exercises the contracts' JSON round trip (positional records,
/// nested lists, +Infinity in the dual state) and replay through the NOTEARS schedule. No training.
/// </summary>
public sealed class MmmOrchestratorOnExecutorTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly MmmOptions Options = new()
    {
        DagMode = DagModes.Notears, Epochs = 3, NotearsWarmupEpochs = 1, NotearsDualUpdateEvery = 1,
    };

    private static RunInput Run(string dataset) => new(dataset, $"http://store/mmm-input/{dataset}.parquet", "\"0x1\"", null,
        $"http://store/mmm-output/{dataset}/id", $"http://store/mmm-work/{dataset}/id");

    /// <summary>Fake activities that record what they were given.</summary>
    private sealed class FakeActivities
    {
        public ConcurrentQueue<TrainingBlock> Blocks { get; } = new();
        public ConcurrentDictionary<string, int> Runs { get; } = new();
        public DecomposeInput? Decomposed { get; private set; }
        public FailureInput? Failure { get; private set; }
        public RunError? InputError { get; init; }

        public void Register(DurableExecutor executor) => executor
            .RegisterOrchestrator(MmmOrchestrator.Name, MmmOrchestrator.RunAsync)
            .RegisterActivity<ActivityInput, PreparedRun>(ActivityNames.ValidateAndScale, (input, _) =>
            {
                Count(ActivityNames.ValidateAndScale);
                return Task.FromResult(InputError is null
                    ? new PreparedRun(Options, input.CheckpointOut, 520, 4, 130, 3, 2, "cpu", null)
                    : new PreparedRun(null, null, 0, 0, 0, 0, 0, null, InputError));
            })
            .RegisterActivity<ActivityInput, string>(ActivityNames.WarmStart, (input, _) =>
            {
                Count(ActivityNames.WarmStart);
                return Task.FromResult(input.CheckpointOut!);
            })
            .RegisterActivity<TrainBlockInput, TrainBlockResult>(ActivityNames.TrainOuterIteration, (input, _) =>
            {
                Count(ActivityNames.TrainOuterIteration);
                var block = input.Block;
                Blocks.Enqueue(block);
                double h = 0.5 / block.OuterIteration;
                var rows = Enumerable.Range(1, block.Epochs)
                    .Select(e => new HistoryRow(block.OuterIteration, e, 1.0 / e, 0.8, 0.2, h, block.Duals.Rho, block.Duals.Alpha, 0.9, null, 12))
                    .ToList();
                var report = new BlockReport(block.OuterIteration, block.Epochs, 3, h, 1.0, 0.8, 0.2, 0.9, 0.7, false, 0.01, rows);
                return Task.FromResult(new TrainBlockResult(report, input.Activity.CheckpointOut!));
            })
            .RegisterActivity<DecomposeInput, DecomposeResult>(ActivityNames.Decompose, (input, _) =>
            {
                Count(ActivityNames.Decompose);
                Decomposed = input;
                return Task.FromResult(new DecomposeResult(0.91, 0.85, 0.12, 0.0625, input.History.Count));
            })
            .RegisterActivity<ActivityInput, bool>(ActivityNames.WriteOutputs, (_, _) =>
            {
                Count(ActivityNames.WriteOutputs);
                return Task.FromResult(true);
            })
            .RegisterActivity<FailureInput, bool>(ActivityNames.WriteFailure, (input, _) =>
            {
                Count(ActivityNames.WriteFailure);
                Failure = input;
                return Task.FromResult(true);
            });

        private void Count(string name) => Runs.AddOrUpdate(name, 1, (_, n) => n + 1);
    }

    [Fact]
    public async Task The_training_orchestrator_runs_to_completion_with_its_records_round_tripped()
    {
        var fakes = new FakeActivities();
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), fakes.Register, output);

        Assert.True(await executor.Client.StartAsync(MmmOrchestrator.Name, "mmm-sales-1", Run("sales")));
        var state = await Wait.ForFinishedAsync(executor.Client, "mmm-sales-1");

        Assert.Equal(RuntimeStatus.Completed, state.RuntimeStatus);
        var result = state.Output.Deserialize<RunOutput>(DurableJson.Options)!;
        Assert.Equal(new RunOutput("http://store/mmm-output/sales/id", 0.91, 0.85, 0.12, 0.0625, 3), result);
        var status = state.CustomStatus.Deserialize<RunStatus>(DurableJson.Options)!;
        Assert.Equal(Phases.Writing, status.Phase);
        Assert.Equal(99, status.Percent);
        Assert.Equal(3, status.Epoch);

        // Each activity ran once although the orchestrator replayed after every one of them.
        Assert.Equal(1, fakes.Runs[ActivityNames.ValidateAndScale]);
        Assert.Equal(1, fakes.Runs[ActivityNames.WarmStart]);
        Assert.Equal(3, fakes.Runs[ActivityNames.TrainOuterIteration]);
        Assert.Equal(1, fakes.Runs[ActivityNames.Decompose]);
        Assert.Equal(1, fakes.Runs[ActivityNames.WriteOutputs]);
        Assert.False(fakes.Runs.ContainsKey(ActivityNames.WriteFailure));

        // The dual state travelled through JSON and back (no previous h yet: null), and the schedule advanced between blocks.
        var blocks = fakes.Blocks.ToList();
        Assert.Equal([1, 2, 3], blocks.Select(b => b.OuterIteration));
        Assert.False(blocks[0].Duals.Active);
        Assert.Null(blocks[0].Duals.HPrevious);
        Assert.True(blocks[1].Duals.Active);
        Assert.True(blocks[2].Duals.Alpha > blocks[1].Duals.Alpha);
        Assert.Equal(3, fakes.Decomposed!.History.Count);
        Assert.Equal(["training", "validating", "warm_start"], fakes.Decomposed.TimingsSeconds.Keys.Order());
        Assert.All(fakes.Decomposed.TimingsSeconds.Values, seconds => Assert.True(seconds >= 0));
        Assert.Equal("http://store/mmm-work/sales/id/checkpoint-0003.bin", fakes.Decomposed.Activity.CheckpointIn);

        var history = (await executor.Client.GetAsync("mmm-sales-1", showHistory: true))!.HistoryEvents!;
        var scheduled = history.Where(e => e["eventType"]!.GetValue<string>() == "TaskScheduled").Select(e => e["name"]!.GetValue<string>());
        Assert.Equal([ActivityNames.ValidateAndScale, ActivityNames.WarmStart, ActivityNames.TrainOuterIteration, ActivityNames.TrainOuterIteration,
            ActivityNames.TrainOuterIteration, ActivityNames.Decompose, ActivityNames.WriteOutputs], scheduled);
    }

    [Fact]
    public async Task Bad_input_writes_the_failure_and_ends_the_orchestration_failed_with_the_message()
    {
        var fakes = new FakeActivities { InputError = new RunError("missing_column", "column 'kpi' is missing", new Dictionary<string, string?> { ["column"] = "kpi" }) };
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), fakes.Register, output);

        await executor.Client.StartAsync(MmmOrchestrator.Name, "mmm-bad-1", Run("bad"));
        var state = await Wait.ForFinishedAsync(executor.Client, "mmm-bad-1");

        Assert.Equal(RuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("[missing_column] column 'kpi' is missing", state.Output!.GetValue<string>());
        Assert.Equal("kpi", fakes.Failure!.Error.Details!["column"]);
        Assert.Equal("mmm-bad-1", fakes.Failure.InstanceId);
        Assert.Equal(1, fakes.Runs[ActivityNames.WriteFailure]);
        Assert.False(fakes.Runs.ContainsKey(ActivityNames.WarmStart));
        var json = JsonSerializer.Serialize(state.Output);
        Assert.StartsWith("\"", json);
    }
}
