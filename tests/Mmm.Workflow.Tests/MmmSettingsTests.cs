using System.Text;
using Microsoft.Extensions.Configuration;
using Mmm.Workflow.Settings;

namespace Mmm.Workflow.Tests;

public class MmmSettingsTests
{
    private const string HostJson = """
        {
          "version": "2.0",
          "extensions": {
            "durableTask": {
              "hubName": "%TASKHUB_NAME%",
              "storageProvider": { "partitionCount": 2, "maxQueuePollingInterval": "00:00:00.500", "workItemQueueVisibilityTimeout": "00:02:00",
                                   "controlQueueVisibilityTimeout": "00:00:45", "useTablePartitionManagement": true },
              "maxConcurrentActivityFunctions": 2, "maxConcurrentOrchestratorFunctions": 8
            },
            "blobs": { "poisonBlobThreshold": 3 }
          },
          "mmm": {
            "inputContainer": "in-c", "outputContainer": "out-c", "workContainer": "work-c",
            "scanIntervalSeconds": 0.5, "training": { "device": "CUDA" }
          }
        }
        """;

    private static MmmSettings Read(string hostJson, params (string Key, string? Value)[] appSettings) =>
        MmmSettings.From(new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(hostJson)))
            .AddInMemoryCollection(appSettings.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)))
            .Build());

    [Fact]
    public void Reads_every_host_json_section_into_one_record()
    {
        var s = Read(HostJson, ("TASKHUB_NAME", "hubx"));
        Assert.Equal("hubx", s.HubName);
        Assert.Equal(2, s.PartitionCount);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), s.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), s.ControlQueueVisibilityTimeout);
        Assert.True(s.UseTablePartitionManagement);
        Assert.Equal(2, s.MaxConcurrentActivityFunctions);
        Assert.Equal(8, s.MaxConcurrentOrchestratorFunctions);
        Assert.Equal(3, s.PoisonBlobThreshold);
        Assert.Equal(("in-c", "out-c", "work-c"), (s.InputContainer, s.OutputContainer, s.WorkContainer));
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.ScanInterval);
        Assert.Equal("cuda", s.TrainingDevice);
        Assert.Null(s.StorageConnectionString);
        Assert.Null(s.ApiKey);
        Assert.Null(s.WorkerId);
    }

    [Fact]
    public void App_settings_name_the_hub_override_containers_and_carry_storage_key_and_worker()
    {
        var s = Read(HostJson, ("TASKHUB_NAME", "hubx"), ("MMM_INPUT_CONTAINER", "env-in"), ("MMM_OUTPUT_CONTAINER", "env-out"),
            ("MMM_WORK_CONTAINER", "env-work"), ("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("MMM_API_KEY", "k1"), ("MMM_WORKER_ID", "w7"));
        Assert.Equal(("env-in", "env-out", "env-work"), (s.InputContainer, s.OutputContainer, s.WorkContainer));
        Assert.Equal("UseDevelopmentStorage=true", s.StorageConnectionString);
        Assert.Equal("k1", s.ApiKey);
        Assert.Equal("w7", s.WorkerId);
    }

    [Fact]
    public void A_host_json_key_set_again_later_wins_as_an_AzureFunctionsJobHost_override_does()
    {
        var s = Read(HostJson, ("TASKHUB_NAME", "hubx"), ("extensions:durableTask:maxConcurrentActivityFunctions", "4"), ("mmm:training:device", "cpu"));
        Assert.Equal(4, s.MaxConcurrentActivityFunctions);
        Assert.Equal("cpu", s.TrainingDevice);
    }

    [Fact]
    public void Unresolved_hub_reference_and_empty_values_fall_back_to_defaults()
    {
        var s = Read(HostJson, ("TASKHUB_NAME", ""), ("MMM_INPUT_CONTAINER", ""));
        Assert.Equal(MmmSettings.DefaultHubName, s.HubName);
        Assert.Equal("in-c", s.InputContainer);
        Assert.Equal("prodhub", Read("""{"extensions":{"durableTask":{"hubName":"prodhub"}}}""", ("TASKHUB_NAME", "other")).HubName);
    }

    [Fact]
    public void Missing_sections_give_the_defaults()
    {
        var s = Read("{}");
        Assert.Equal(new MmmSettings(), s);
        Assert.Equal(4, s.PartitionCount);
        Assert.Equal(1, s.MaxConcurrentActivityFunctions);
        Assert.Equal("auto", s.TrainingDevice);
        Assert.False(s.UseTablePartitionManagement);
    }

    [Theory]
    [InlineData("""{"extensions":{"blobs":{"poisonBlobThreshold":0}}}""", "poisonBlobThreshold")]
    [InlineData("""{"extensions":{"blobs":{"poisonBlobThreshold":"many"}}}""", "poisonBlobThreshold")]
    [InlineData("""{"extensions":{"durableTask":{"hubName":"my-hub"}}}""", "hubName")]
    [InlineData("""{"extensions":{"durableTask":{"storageProvider":{"partitionCount":17}}}}""", "partitionCount")]
    [InlineData("""{"extensions":{"durableTask":{"storageProvider":{"maxQueuePollingInterval":"soon"}}}}""", "maxQueuePollingInterval")]
    [InlineData("""{"extensions":{"durableTask":{"maxConcurrentActivityFunctions":0}}}""", "maxConcurrentActivityFunctions")]
    [InlineData("""{"mmm":{"training":{"device":"gpu"}}}""", "mmm.training.device")]
    [InlineData("""{"mmm":{"inputContainer":"Bad_Name"}}""", "mmm.inputContainer")]
    [InlineData("""{"mmm":{"scanIntervalSeconds":0}}""", "mmm.scanIntervalSeconds")]
    public void A_bad_value_is_an_error_that_names_the_key(string hostJson, string key)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(hostJson));
        Assert.Contains(key, e.Message, StringComparison.OrdinalIgnoreCase); // e.g. "... value 'many' at 'extensions:blobs:PoisonBlobThreshold' ..."
        Assert.StartsWith("host.json: ", e.Message);
    }

    [Fact]
    public void The_repository_host_json_sets_the_engine_deliberately()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "host.json");
        var s = MmmSettings.From(new ConfigurationBuilder().AddJsonFile(path).Build(), path);
        Assert.Equal(MmmSettings.DefaultHubName, s.HubName); // %TASKHUB_NAME% unset
        Assert.Equal(4, s.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(1), s.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), s.WorkItemQueueVisibilityTimeout);
        Assert.False(s.UseTablePartitionManagement);
        Assert.Equal(1, s.MaxConcurrentActivityFunctions);
        Assert.Equal(5, s.PoisonBlobThreshold);
        Assert.Equal("mmm-input", s.InputContainer);
        Assert.Equal("auto", s.TrainingDevice);
    }
}
