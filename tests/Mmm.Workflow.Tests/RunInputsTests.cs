using System.Text.Json;
using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Tests;

public class RunInputsTests
{
    private const string Account = "https://acct.blob.core.windows.net";

    [Theory]
    [InlineData("sales.parquet", true)]
    [InlineData("Sales.PARQUET", true)]
    [InlineData("folder/sales.parquet", true)]
    [InlineData("sales.json", false)]
    [InlineData("sales.csv", false)]
    [InlineData(".parquet", false)]
    [InlineData("folder/.parquet", false)]
    public void Only_parquet_panels_start_a_run(string name, bool starts) => Assert.Equal(starts, RunInputs.StartsRun(name));

    [Fact]
    public void Builds_the_contract_layout_and_id()
    {
        var (id, run) = RunInputs.For($"{Account}/mmm-input", $"{Account}/mmm-output/", $"{Account}/mmm-work", "Sales Panel.parquet", "\"0x8DC1\"");

        Assert.Equal(InstanceIds.For("mmm-input", "Sales Panel.parquet", "\"0x8DC1\""), id);
        Assert.StartsWith("mmm-sales-panel-", id);
        Assert.Equal("sales-panel", run.Dataset);
        Assert.Equal($"{Account}/mmm-input/Sales%20Panel.parquet", run.InputUri);
        Assert.Equal("\"0x8DC1\"", run.InputEtag);
        Assert.Equal($"{Account}/mmm-input/Sales%20Panel.json", run.ConfigUri);
        Assert.Equal($"{Account}/mmm-output/sales-panel/{id}", run.OutputPrefix);
        Assert.Equal($"{Account}/mmm-work/sales-panel/{id}", run.WorkPrefix);
    }

    [Fact]
    public void Keeps_folders_and_works_with_azurite_uris()
    {
        const string azurite = "http://127.0.0.1:10000/devstoreaccount1";
        var (id, run) = RunInputs.For($"{azurite}/mmm-input", $"{azurite}/mmm-output", $"{azurite}/mmm-work", "2024/q1 data.parquet", "e1");
        Assert.Equal(InstanceIds.For("mmm-input", "2024/q1 data.parquet", "\"e1\""), id); // the ETag is made canonical (quoted) first
        Assert.Equal($"{azurite}/mmm-input/2024/q1%20data.parquet", run.InputUri);
        Assert.Equal($"{azurite}/mmm-input/2024/q1%20data.json", run.ConfigUri);
        Assert.Equal($"{azurite}/mmm-output/q1-data/{id}", run.OutputPrefix);
    }

    [Fact]
    public void A_new_etag_is_a_new_run_under_a_new_prefix()
    {
        var a = RunInputs.For($"{Account}/mmm-input", $"{Account}/mmm-output", $"{Account}/mmm-work", "a.parquet", "e1");
        var b = RunInputs.For($"{Account}/mmm-input", $"{Account}/mmm-output", $"{Account}/mmm-work", "a.parquet", "e2");
        Assert.NotEqual(a.InstanceId, b.InstanceId);
        Assert.NotEqual(a.Input.OutputPrefix, b.Input.OutputPrefix);
        Assert.Equal(a, RunInputs.For($"{Account}/mmm-input", $"{Account}/mmm-output", $"{Account}/mmm-work", "a.parquet", "e1"));
    }

    [Fact]
    public void Run_input_round_trips_through_the_isolated_workers_default_serializer()
    {
        var (_, run) = RunInputs.For($"{Account}/mmm-input", $"{Account}/mmm-output", $"{Account}/mmm-work", "a.parquet", "e1");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        Assert.Equal(run, JsonSerializer.Deserialize<RunInput>(JsonSerializer.Serialize(run, options), options));
    }

    [Fact]
    public void Status_json_has_the_management_api_shape()
    {
        var created = new DateTimeOffset(2026, 3, 1, 10, 20, 30, 456, TimeSpan.FromHours(2));
        var json = InstanceStatusJson.Build(MmmOrchestrator.Name, "mmm-a-123", "Running", "{\"dataset\":\"a\"}",
            "{\"phase\":\"training\",\"percent\":12.5}", null, created, created.AddMinutes(1));

        Assert.Equal(["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"],
            json.Select(p => p.Key).ToArray());
        Assert.Equal("MmmOrchestrator", (string?)json["name"]);
        Assert.Equal("Running", (string?)json["runtimeStatus"]);
        Assert.Equal("a", (string?)json["input"]!["dataset"]);
        Assert.Equal(12.5, (double?)json["customStatus"]!["percent"]);
        Assert.Null(json["output"]);
        Assert.Equal("2026-03-01T08:20:30Z", (string?)json["createdTime"]);
        Assert.Equal("2026-03-01T08:21:30Z", (string?)json["lastUpdatedTime"]);
    }

    [Fact]
    public void Non_json_output_such_as_a_failure_message_becomes_a_string()
    {
        Assert.Equal("[bad_input] no KPI column", (string?)InstanceStatusJson.Parse("[bad_input] no KPI column"));
        Assert.Null(InstanceStatusJson.Parse(null));
        Assert.Null(InstanceStatusJson.Parse(""));
    }

    [Theory]
    [InlineData("sales", "sales.parquet")]
    [InlineData("Sales_2024.v2", "Sales_2024.v2.parquet")]
    [InlineData("sales.parquet", "sales.parquet")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(".parquet", null)]
    [InlineData("..", null)]
    [InlineData("a/b", null)]
    [InlineData("a b", null)]
    [InlineData("a%2Fb", null)]
    [InlineData(".hidden", null)]
    [InlineData("-dash", null)]
    [InlineData("_under", "_under.parquet")]
    public void Upload_names_are_plain_parquet_blob_names(string dataset, string? expected)
    {
        Assert.Equal(expected is not null, DatasetNames.TryBlobName(dataset, out var blobName, out var error));
        Assert.Equal(expected, blobName);
        if (expected is null)
        {
            Assert.Equal($"dataset name '{dataset}' is not usable: a dataset name is {DatasetNames.Rule}", error);
            Assert.Equal(error, Assert.Throws<InvalidDatasetNameException>(() => DatasetNames.BlobName(dataset)).Message);
        }
        else Assert.Equal(expected, DatasetNames.BlobName(dataset));
    }

    [Fact]
    public void Dataset_names_are_at_most_128_characters()
    {
        Assert.Equal(new string('a', 128) + ".parquet", DatasetNames.BlobName(new string('a', 128)));
        Assert.Equal(new string('a', 128) + ".parquet", DatasetNames.BlobName(new string('a', 128) + ".parquet"));
        Assert.False(DatasetNames.TryBlobName(new string('a', 129), out _, out _));
    }

    [Theory]
    [InlineData("Running", 202)]
    [InlineData("Pending", 202)]
    [InlineData("Suspended", 202)]
    [InlineData("Completed", 200)]
    [InlineData("Failed", 200)]
    [InlineData("Terminated", 200)]
    public void Status_codes_follow_the_management_api(string status, int code) =>
        Assert.Equal(code, InstanceStatusJson.HttpStatusCode(status));
}
