using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
          "mmm": { "scanIntervalSeconds": 0.5, "training": { "device": "CUDA" } }
        }
        """;

    private static IConfiguration Configuration(string hostJson, params (string Key, string? Value)[] appSettings) => new ConfigurationBuilder()
        .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(hostJson)))
        .AddInMemoryCollection(appSettings.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)))
        .Build();

    private static MmmSettings Read(string hostJson, params (string Key, string? Value)[] appSettings) =>
        MmmSettings.From(Configuration(hostJson, appSettings));

    /// <summary>A file of the repository (found above the test's folder: the one holding Pipeline.sln).</summary>
    private static string RepositoryFile(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Pipeline.sln"))) folder = folder.Parent ?? throw new DirectoryNotFoundException("Pipeline.sln");
        return Path.Combine(folder.FullName, name);
    }

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
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.ScanInterval);
        Assert.Equal("cuda", s.TrainingDevice);
        Assert.Null(s.StorageConnectionString);
        Assert.Null(s.ApiKey);
        Assert.Null(s.WorkerId);
    }

    [Fact]
    public void App_settings_name_the_hub_and_containers_and_carry_storage_key_and_worker()
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
        var s = Read(HostJson, ("TASKHUB_NAME", ""), ("MMM_INPUT_CONTAINER", ""), ("MMM_API_KEY", ""), ("AzureWebJobsStorage", ""));
        Assert.Equal(MmmSettings.DefaultHubName, s.HubName);
        Assert.Equal(new MmmSettings().InputContainer, s.InputContainer);
        Assert.Null(s.ApiKey);
        Assert.Null(s.StorageConnectionString);
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
    [InlineData("""{"extensions":{"blobs":{"poisonBlobThreshold":0}}}""", "extensions.blobs.poisonBlobThreshold must be at least 1, not 0")]
    [InlineData("""{"extensions":{"blobs":{"poisonBlobThreshold":"many"}}}""", "'many' at 'extensions:blobs:poisonBlobThreshold'")]
    [InlineData("""{"extensions":{"durableTask":{"hubName":"my-hub"}}}""", "extensions.durableTask.hubName must be 3-45 ASCII letters or digits starting with a letter, not 'my-hub'")]
    [InlineData("""{"extensions":{"durableTask":{"storageProvider":{"partitionCount":17}}}}""", "partitionCount must be between 1 and 16, not 17")]
    [InlineData("""{"extensions":{"durableTask":{"storageProvider":{"maxQueuePollingInterval":"soon"}}}}""", "'soon' at 'extensions:durableTask:storageProvider:maxQueuePollingInterval'")]
    [InlineData("""{"extensions":{"durableTask":{"maxConcurrentActivityFunctions":0}}}""", "maxConcurrentActivityFunctions must be at least 1")]
    [InlineData("""{"mmm":{"training":{"device":"gpu"}}}""", "mmm.training.device must be auto, cpu or cuda, not 'gpu'")]
    [InlineData("""{"mmm":{"scanIntervalSeconds":0}}""", "mmm.scanIntervalSeconds must be positive")]
    public void A_bad_value_is_an_error_that_names_the_key(string hostJson, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(hostJson));
        Assert.Contains(message, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("host.json: ", e.Message);
    }

    [Fact]
    public void A_bad_container_app_setting_is_named()
    {
        var e = Assert.Throws<InvalidDataException>(() => Read("{}", ("MMM_INPUT_CONTAINER", "Bad_Name")));
        Assert.Contains("MMM_INPUT_CONTAINER must be a blob container name (3-63 lower-case letters, digits or '-'), not 'Bad_Name'", e.Message);
    }

    [Fact]
    public void A_host_validates_the_settings_at_start()
    {
        var services = new ServiceCollection();
        services.AddMmmSettings(Configuration("""{"extensions":{"blobs":{"poisonBlobThreshold":0}}}"""));
        using var provider = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("extensions.blobs.poisonBlobThreshold must be at least 1, not 0", e.Message);
    }

    [Fact]
    public void The_repository_host_json_binds_to_the_defaults()
    {
        // host.json carries the engine's settings for the Functions host too; they must be the C# defaults, which docs quote.
        var path = RepositoryFile("host.json");
        Assert.Equal(new MmmSettings(), MmmSettings.From(new ConfigurationBuilder().AddJsonFile(path).Build(), path)); // %TASKHUB_NAME% unset
    }

    [Fact]
    public void The_sample_local_settings_bind_to_the_defaults()
    {
        var values = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryFile("local.settings.sample.json")))!["Values"]!.AsObject();
        var s = MmmSettings.From(new ConfigurationBuilder().AddJsonFile(RepositoryFile("host.json"))
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, (string?)v.Value))).Build());
        Assert.Equal(new MmmSettings { StorageConnectionString = "UseDevelopmentStorage=true" }, s);
    }
}
