using Azure.Storage.Blobs;
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

    private static async Task<byte[]> SyntheticParquetAsync()
    {
        var panel = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { Regions = 3, Weeks = 80 }).Panel;
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
        var decomposed = await activities.Decompose(new DecomposeInput(new ActivityInput(id, run, checkpoint, null), history,
            new Dictionary<string, double> { ["training"] = 1 }, "cpu"));
        Assert.Equal(20, decomposed.Epochs);
        Assert.False(await store.ExistsAsync($"{run.OutputPrefix}/_SUCCESS"), "_SUCCESS must wait for WriteOutputs");
        await activities.WriteOutputs(new ActivityInput(id, run, null, null));

        Assert.True(await store.ExistsAsync($"{run.OutputPrefix}/_SUCCESS"));
        Assert.False(await store.ExistsAsync(Checkpoints.Initial(run)), "work checkpoints are cleaned up");
        var fit = await OutputTables.Fit.ReadAsync(await store.ReadAsync($"{run.OutputPrefix}/{OutputTables.FitFile}"), default);
        Assert.Equal(3 * 80, fit.Count);
        var summary = SummaryJson.Deserialize((await store.ReadTextIfExistsAsync($"{run.OutputPrefix}/summary.json"))!);
        Assert.Equal(id, summary.InstanceId);
        Assert.Equal(run.InputEtag, summary.Input.Etag);
        Assert.Equal(history.Count, (await OutputTables.History.ReadAsync(await store.ReadAsync($"{run.OutputPrefix}/{OutputTables.HistoryFile}"), default)).Count);
        await Assert.ThrowsAsync<InvalidOperationException>(() => activities.WriteFailure(new FailureInput(id, run, new RunError("x", "y"))));
    }

    [Fact]
    public async Task Bad_input_is_reported_as_data_and_written_to_error_json()
    {
        var (store, run, id) = await UploadAsync("broken", "this is not parquet"u8.ToArray(), null);
        var activities = new MmmActivities(store);
        var prepared = await activities.ValidateAndScale(new ActivityInput(id, run, null, Checkpoints.Initial(run)));
        Assert.Equal(PanelErrorCodes.NotParquet, prepared.Error!.Code);
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
        Assert.Equal(PanelErrorCodes.UnknownConfigKey, prepared.Error!.Code);
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
}
