using Mmm.LocalHost.Tests.Support;
using Mmm.LocalHost.Tests.Watcher;
using Mmm.Science.Results;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Tests.Commands;

/// <summary>`mmm run` as a user runs it, on a test Azurite: upload and start in one step, follow, download.</summary>
[Collection(AzuriteCollection.Name)]
public class RunCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_uploads_the_panel_and_its_config_starts_the_contract_instance_and_downloads_the_outputs()
    {
        var file = MmmCli.TempFile("mmm-run", "run-cli.parquet");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "pymc-example.parquet"), file);
        var config = Path.Combine(Path.GetDirectoryName(file)!, "tiny.json");
        await File.WriteAllTextAsync(config, """{"hidden": 8, "epochs": 20, "warmStartEpochs": 2, "notearsWarmupEpochs": 10, "notearsDualUpdateEvery": 10}""");
        var outDir = Path.Combine(Path.GetDirectoryName(file)!, "out");
        var input = AzuriteFixture.Unique("run-in-");

        var (code, stdout, stderr) = await MmmCli.RunWithAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TASKHUB_NAME"] = AzuriteFixture.NewHub(),
            ["MMM_INPUT_CONTAINER"] = input,
        }, "run", file, "--config", config, "--out", outDir);

        Assert.True(code == 0, stderr);
        var blob = azurite.Blobs.GetBlobContainerClient(input).GetBlobClient("run-cli.parquet");
        var etag = (await blob.GetPropertiesAsync()).Value.ETag.ToString();
        var id = InstanceIds.For(input, "run-cli.parquet", BlobEtag.Canonical(etag));
        Assert.Contains($"instance {id}", stderr);
        Assert.Contains($"run {id} completed", stdout);
        Assert.True(await azurite.Blobs.GetBlobContainerClient(input).GetBlobClient("run-cli.json").ExistsAsync());
        var summary = SummaryJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDir, OutputTables.SummaryFile)));
        Assert.Equal(id, summary.InstanceId);
        Assert.Equal(20, (int)summary.EffectiveConfig!["epochs"]!); // the run config went up next to the panel
    }
}
