using Mmm.LocalHost.Settings;
using Mmm.LocalHost.Storage;

namespace Mmm.LocalHost.Tests.Settings;

public class HostSettingsTests
{
    private const string HostJson = """
        {
          "version": "2.0",
          "extensions": {
            "durableTask": { "hubName": "%TASKHUB_NAME%", "maxConcurrentActivityFunctions": 2 },
            "blobs": { "poisonBlobThreshold": 3 }
          },
          "mmm": {
            "inputContainer": "in-c", "outputContainer": "out-c", "workContainer": "work-c",
            "scanIntervalSeconds": 0.5, "training": { "device": "cuda" }
          }
        }
        """;

    private static Dictionary<string, string?> Env(params (string Key, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Parse_reads_host_json_sections()
    {
        var s = HostSettings.Parse(HostJson, new SettingValues(Env(("TASKHUB_NAME", "hubx"))));
        Assert.Equal("hubx", s.HubName);
        Assert.Equal(2, s.MaxConcurrentActivityFunctions);
        Assert.Equal(3, s.PoisonBlobThreshold);
        Assert.Equal("in-c", s.InputContainer);
        Assert.Equal("out-c", s.OutputContainer);
        Assert.Equal("work-c", s.WorkContainer);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.ScanInterval);
        Assert.Equal("cuda", s.TrainingDevice);
        Assert.Null(s.ApiKey);
    }

    [Fact]
    public void Unresolved_hub_name_defaults_to_mmmlocal()
    {
        var s = HostSettings.Parse(HostJson, new SettingValues(Env()));
        Assert.Equal("mmmlocal", s.HubName);
    }

    [Fact]
    public void Literal_hub_name_is_kept()
    {
        var s = HostSettings.Parse("""{"extensions":{"durableTask":{"hubName":"prodhub"}}}""", new SettingValues(Env(("TASKHUB_NAME", "other"))));
        Assert.Equal("prodhub", s.HubName);
    }

    [Fact]
    public void Missing_sections_give_defaults()
    {
        var s = HostSettings.Parse("{}", new SettingValues(Env()));
        Assert.Equal("mmmlocal", s.HubName);
        Assert.Equal(5, s.PoisonBlobThreshold);
        Assert.Equal(1, s.MaxConcurrentActivityFunctions);
        Assert.Equal("mmm-input", s.InputContainer);
        Assert.Equal("mmm-output", s.OutputContainer);
        Assert.Equal("mmm-work", s.WorkContainer);
        Assert.Equal(TimeSpan.FromSeconds(2), s.ScanInterval);
        Assert.Equal("auto", s.TrainingDevice);
        Assert.Equal("UseDevelopmentStorage=true", s.StorageConnectionString);
        Assert.True(s.UsesDevelopmentStorage);
    }

    [Fact]
    public void Environment_overrides_containers_and_api_key()
    {
        var s = HostSettings.Parse(HostJson, new SettingValues(
            Env(("MMM_INPUT_CONTAINER", "env-in"), ("MMM_OUTPUT_CONTAINER", "env-out"), ("MMM_API_KEY", "k1"))));
        Assert.Equal("env-in", s.InputContainer);
        Assert.Equal("env-out", s.OutputContainer);
        Assert.Equal("k1", s.ApiKey);
    }

    [Fact]
    public void Environment_wins_over_local_settings_and_empty_values_are_absent()
    {
        var local = LocalSettingsFile.ParseValues("""
            { "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "from-local", "TASKHUB_NAME": "localhub", "MMM_API_KEY": "" } }
            """);
        var s = HostSettings.Parse(HostJson, new SettingValues(Env(("AzureWebJobsStorage", "from-env"), ("TASKHUB_NAME", "")), local));
        Assert.Equal("from-env", s.StorageConnectionString);
        Assert.Equal("localhub", s.HubName);
        Assert.Null(s.ApiKey);
    }

    [Fact]
    public void Development_storage_means_azurite_on_the_well_known_ports()
    {
        var s = HostSettings.Parse("{}", new SettingValues(Env(("AzureWebJobsStorage", "UseDevelopmentStorage=true"))));
        Assert.Equal(AzuriteProcess.ConnectionStringFor(10000, 10001, 10002), s.EffectiveStorageConnectionString);
        var real = HostSettings.Parse("{}", new SettingValues(Env(("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b"))));
        Assert.False(real.UsesDevelopmentStorage);
        Assert.Equal("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b", real.EffectiveStorageConnectionString);
    }

    [Fact]
    public void Invalid_values_are_reported_with_the_setting_name()
    {
        var e = Assert.Throws<InvalidDataException>(() => HostSettings.Parse("""{"extensions":{"blobs":{"poisonBlobThreshold":0}}}""", new SettingValues(Env())));
        Assert.Contains("poisonBlobThreshold", e.Message);
        Assert.Throws<InvalidDataException>(() => HostSettings.Parse("{ not json", new SettingValues(Env())));
    }

    [Fact]
    public void Load_reads_files_from_the_repository_root_and_working_directory()
    {
        var root = Directory.CreateTempSubdirectory("mmm-settings-").FullName;
        var work = Directory.CreateTempSubdirectory("mmm-settings-wd-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "host.json"), HostJson);
            File.WriteAllText(Path.Combine(root, "local.settings.json"), """{"Values":{"TASKHUB_NAME":"roothub","AzureWebJobsStorage":"root-conn"}}""");
            var fromRoot = HostSettings.Load(root, Env(), work);
            Assert.Equal("roothub", fromRoot.HubName);
            Assert.Equal("root-conn", fromRoot.StorageConnectionString);

            File.WriteAllText(Path.Combine(work, "local.settings.json"), """{"Values":{"TASKHUB_NAME":"wdhub"}}""");
            var fromWorkingDirectory = HostSettings.Load(root, Env(), work);
            Assert.Equal("wdhub", fromWorkingDirectory.HubName);
            Assert.Equal("UseDevelopmentStorage=true", fromWorkingDirectory.StorageConnectionString);
        }
        finally
        {
            Directory.Delete(root, true);
            Directory.Delete(work, true);
        }
    }

    [Fact]
    public void Repository_host_json_parses()
    {
        var s = HostSettings.Load(RepositoryRoot.Find(), Env(), Path.GetTempPath());
        Assert.Equal(1, s.MaxConcurrentActivityFunctions);
        Assert.Equal(5, s.PoisonBlobThreshold);
        Assert.Equal("mmm-input", s.InputContainer);
    }
}
