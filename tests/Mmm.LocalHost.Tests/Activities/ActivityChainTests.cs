using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Mmm.LocalHost.Tests.EndToEnd;
using Mmm.LocalHost.Tests.Support;
using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Lab.Synthetic;
using Mmm.Science.Training;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.LocalHost.Tests.Activities;

/// <summary>The activities called in orchestration order against real blob storage (Azurite), without a host.</summary>
public class ActivityChainTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Config = """{"hidden": 16, "epochs": 20, "warmStartEpochs": 3, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10, "device": "cpu"}""";

    private async Task<(BlobRunStore Store, RunInput Run, string InstanceId)> UploadAsync(string dataset, byte[] parquet, string? config)
    {
        var store = new BlobRunStore(azurite.Blobs);
        var input = azurite.Blobs.GetBlobContainerClient("mmm-input");
        await input.CreateIfNotExistsAsync();
        var upload = await input.GetBlobClient($"{dataset}.parquet").UploadAsync(new BinaryData(parquet), overwrite: true);
        if (config is not null) await input.GetBlobClient($"{dataset}.json").UploadAsync(new BinaryData(config), overwrite: true);
        var id = InstanceIds.For("mmm-input", $"{dataset}.parquet", upload.Value.ETag.ToString());
        var run = new RunInput(dataset, store.Uri("mmm-input", $"{dataset}.parquet"), upload.Value.ETag.ToString(),
            store.Uri("mmm-input", $"{dataset}.json"), store.Uri("mmm-output", $"{dataset}/{id}"), store.Uri("mmm-work", id));
        return (store, run, id);
    }

    private static Panel SyntheticPanel() => SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Regions = 3, Weeks = 80 }).Panel;

    private static Task<byte[]> SyntheticParquetAsync() => ParquetAsync(SyntheticPanel());

    private static async Task<byte[]> ParquetAsync(Panel panel)
    {
        using var buffer = new MemoryStream();
        await PanelParquetWriter.WriteAsync(panel, buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task Activities_in_order_write_every_output_with_success_last()
    {
        var (store, run, id) = await UploadAsync("chain", await SyntheticParquetAsync(), Config);
        var activities = new MmmActivities(store);
        var prepared = await activities.ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));
        Assert.Null(prepared.Error);
        Assert.Equal(16, prepared.Options!.Hidden);
        var checkpoint = await activities.WarmStart(new ActivityInput(id, run, prepared.Checkpoint, Checkpoints.WarmStarted(run)));
        var state = DualSchedule.Start(prepared.Options);
        var history = new List<HistoryRow>();
        while (DualSchedule.NextBlock(state, prepared.Options) is { } block)
        {
            var result = await activities.TrainOuterIteration(new TrainBlockInput(
                new ActivityInput(id, run, checkpoint, Checkpoints.AfterBlock(run, block.OuterIteration)), block));
            checkpoint = result.Checkpoint;
            history.AddRange(result.Report.History);
            state = DualSchedule.Advance(state, prepared.Options, block, result.Report.H, result.Report.StoppedEarly);
        }
        var written = await activities.WriteOutputFiles(new WriteOutputFilesInput(new ActivityInput(id, run, checkpoint, null), history,
            new Dictionary<string, double> { ["training"] = 1 }, "cpu"));
        Assert.Equal(20, written.Epochs);
        Assert.False(await store.ExistsAsync($"{run.OutputPrefix}/_SUCCESS"), "_SUCCESS must wait for CommitOutputs");
        await activities.CommitOutputs(new ActivityInput(id, run, null, null));

        Assert.True(await store.ExistsAsync($"{run.OutputPrefix}/_SUCCESS"));
        Assert.False(await store.ExistsAsync(Checkpoints.Initial(run)), "work checkpoints are cleaned up");
        var fit = await OutputTables.Fit.ReadAsync(await store.ReadAsync($"{run.OutputPrefix}/{OutputTables.FitFile}"), default);
        Assert.Equal(3 * 80, fit.Count);
        var summary = SummaryJson.Deserialize((await store.ReadTextIfExistsAsync($"{run.OutputPrefix}/summary.json"))!);
        Assert.Equal(id, summary.InstanceId);
        Assert.Equal(run.InputEtag, summary.Input.Etag);
        Assert.Equal(history.Count, (await OutputTables.History.ReadAsync(await store.ReadAsync($"{run.OutputPrefix}/{OutputTables.HistoryFile}"), default)).Count);
        await Assert.ThrowsAsync<IOException>(() => activities.WriteFailure(new FailureInput(id, run, new RunError("x", "y"))));
    }

    [Fact]
    public async Task Bad_input_is_reported_as_data_and_written_to_error_json()
    {
        var (store, run, id) = await UploadAsync("broken", "this is not parquet"u8.ToArray(), null);
        var activities = new MmmActivities(store);
        var prepared = await activities.ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));
        Assert.Equal(ErrorCodes.NotParquet, prepared.Error!.Code);
        Assert.Contains("broken.parquet", prepared.Error.Message);
        await activities.WriteFailure(new FailureInput(id, run, prepared.Error));
        var error = await store.ReadTextIfExistsAsync($"{run.OutputPrefix}/error.json");
        Assert.Contains("not_parquet", error);
        Assert.Contains(id, error);
        Assert.False(await store.ExistsAsync($"{run.OutputPrefix}/_SUCCESS"));
    }

    [Fact]
    public async Task An_unknown_config_key_is_a_bad_input_error()
    {
        var (store, run, id) = await UploadAsync("badconfig", await SyntheticParquetAsync(), """{"epochz": 3}""");
        var prepared = await new MmmActivities(store).ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));
        Assert.Equal(ErrorCodes.UnknownConfigKey, prepared.Error!.Code);
        Assert.Contains("epochz", prepared.Error.Message);
    }

    [Fact]
    public async Task The_host_training_device_replaces_the_run_configs_choice()
    {
        var (store, run, id) = await UploadAsync("device", await SyntheticParquetAsync(), """{"hidden": 8, "epochs": 2, "device": "auto"}""");
        var prepared = await new MmmActivities(store, device: "cpu").ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));
        Assert.Equal("cpu", prepared.Options!.Device);
        Assert.Equal("cpu", prepared.Device);
        var untouched = await new MmmActivities(store, device: "auto").ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));
        Assert.Equal("auto", untouched.Options!.Device);
    }

    private async Task<string> OverwriteAsync(string dataset, byte[] parquet) =>
        (await azurite.Blobs.GetBlobContainerClient("mmm-input").GetBlobClient($"{dataset}.parquet")
            .UploadAsync(new BinaryData(parquet), overwrite: true)).Value.ETag.ToString();

    [Fact]
    public async Task A_panel_overwritten_before_its_run_reads_it_fails_the_run_with_input_changed()
    {
        var (store, run, id) = await UploadAsync("changed", await SyntheticParquetAsync(), Config);
        var newEtag = await OverwriteAsync("changed", await ParquetAsync(TestPanels.WithKpiTimes(SyntheticPanel(), 2)));
        Assert.NotEqual(run.InputEtag, newEtag);

        var activities = new MmmActivities(store);
        var prepared = await activities.ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));

        Assert.Equal(ErrorCodes.InputChanged, prepared.Error!.Code);
        Assert.Contains(run.InputUri, prepared.Error.Message);
        Assert.Contains(run.InputEtag!, prepared.Error.Message);
        Assert.Null(prepared.Options);
        Assert.False(await store.ExistsAsync(Checkpoints.Initial(run)), "nothing trains on the new bytes");
        await activities.WriteFailure(new FailureInput(id, run, prepared.Error));
        var error = JsonNode.Parse((await store.ReadTextIfExistsAsync($"{run.OutputPrefix}/{OutputTables.ErrorFile}"))!)!;
        Assert.Equal("input_changed", error["code"]!.GetValue<string>());
        Assert.Equal(run.InputEtag, error["details"]!["etag"]!.GetValue<string>());
        Assert.Equal(id, error["instanceId"]!.GetValue<string>());
        Assert.False(await store.ExistsAsync($"{run.OutputPrefix}/{OutputTables.SuccessFile}"));
    }

    [Fact]
    public async Task A_panel_deleted_before_its_run_reads_it_is_input_changed_too()
    {
        var (store, run, id) = await UploadAsync("deleted", await SyntheticParquetAsync(), Config);
        await azurite.Blobs.GetBlobContainerClient("mmm-input").DeleteBlobAsync("deleted.parquet");

        var prepared = await new MmmActivities(store).ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));

        Assert.Equal(ErrorCodes.InputChanged, prepared.Error!.Code);
    }

    [Fact]
    public async Task After_the_first_activity_a_run_reads_its_snapshot_so_a_panel_overwritten_mid_run_does_not_reach_it()
    {
        var original = SyntheticPanel();
        var (store, run, id) = await UploadAsync("pinned", await ParquetAsync(original), Config);
        var activities = new MmmActivities(store);
        var prepared = await activities.ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));
        Assert.Null(prepared.Error);

        await OverwriteAsync("pinned", await ParquetAsync(TestPanels.WithKpiTimes(original, 2)));
        await azurite.Blobs.GetBlobContainerClient("mmm-input").GetBlobClient("pinned.json").UploadAsync(new BinaryData("""{"epochz": 1}"""), overwrite: true);
        // A retry of the first activity (its first attempt's result lost) reuses the snapshot: no input_changed, the same options.
        var retried = await activities.ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));
        Assert.Null(retried.Error);
        Assert.Equal(16, retried.Options!.Hidden);

        var checkpoint = await activities.WarmStart(new ActivityInput(id, run, retried.Checkpoint, Checkpoints.WarmStarted(run)));
        var state = DualSchedule.Start(retried.Options);
        var history = new List<HistoryRow>();
        while (DualSchedule.NextBlock(state, retried.Options) is { } block)
        {
            var result = await activities.TrainOuterIteration(new TrainBlockInput(
                new ActivityInput(id, run, checkpoint, Checkpoints.AfterBlock(run, block.OuterIteration)), block));
            checkpoint = result.Checkpoint;
            history.AddRange(result.Report.History);
            state = DualSchedule.Advance(state, retried.Options, block, result.Report.H, result.Report.StoppedEarly);
        }
        await activities.WriteOutputFiles(new WriteOutputFilesInput(new ActivityInput(id, run, checkpoint, null), history,
            new Dictionary<string, double>(), "cpu"));
        await activities.CommitOutputs(new ActivityInput(id, run, null, null));

        var fit = await OutputTables.Fit.ReadAsync(await store.ReadAsync($"{run.OutputPrefix}/{OutputTables.FitFile}"), default);
        var kpi = TestPanels.KpiByRow(original);
        Assert.Equal(kpi.Count, fit.Count);
        Assert.All(fit, row => Assert.Equal(kpi[(row.Region, row.Date)], row.Actual, 1e-9 * Math.Max(1, Math.Abs(row.Actual))));
        Assert.False(await store.ExistsAsync(InputSnapshot.PanelUri(run)), "the snapshot goes with the work folder");
    }
}
