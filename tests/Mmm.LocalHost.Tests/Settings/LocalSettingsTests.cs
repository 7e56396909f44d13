using Microsoft.Extensions.Configuration;
using Mmm.LocalHost.Settings;
using Mmm.LocalHost.Storage;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Tests.Settings;

/// <summary>The local host's layering onto the shared settings record: host.json, then local.settings.json Values, then the environment.</summary>
public sealed class LocalSettingsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mmm-settings-").FullName;
    private readonly string work = Directory.CreateTempSubdirectory("mmm-settings-wd-").FullName;

    public void Dispose()
    {
        Directory.Delete(root, true);
        Directory.Delete(work, true);
    }

    /// <summary>An environment layer as the environment-variables providers present it (<c>__</c> already a section separator).</summary>
    private static Action<IConfigurationBuilder> Env(params (string Key, string? Value)[] pairs) =>
        b => b.AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    private void Files(string hostJson, string? rootLocal = null)
    {
        File.WriteAllText(Path.Combine(root, "host.json"), hostJson);
        if (rootLocal is not null) File.WriteAllText(Path.Combine(root, "local.settings.json"), rootLocal);
    }

    [Fact]
    public void Environment_wins_over_local_settings_which_win_over_host_json_and_empty_values_are_absent()
    {
        Files("""{"extensions":{"durableTask":{"hubName":"%TASKHUB_NAME%"}}}""",
            rootLocal: """{ "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "from-local", "TASKHUB_NAME": "localhub", "MMM_INPUT_CONTAINER": "local-in", "MMM_API_KEY": "" } }""");
        var s = LocalSettings.Load(root, work, Env(("AzureWebJobsStorage", "from-env"), ("MMM_API_KEY", "")));
        Assert.Equal("from-env", s.StorageConnectionString);
        Assert.Equal("localhub", s.HubName);
        Assert.Equal("local-in", s.InputContainer);
        Assert.Null(s.ApiKey);
    }

    [Fact]
    public void AzureFunctionsJobHost_values_of_local_settings_override_host_json_keys_as_in_the_functions_host()
    {
        Files("""{"extensions":{"durableTask":{"storageProvider":{"workItemQueueVisibilityTimeout":"00:01:00"}}},"mmm":{"training":{"device":"auto"}}}""",
            rootLocal: """{"Values":{"AzureFunctionsJobHost__mmm__training__device":"cpu","AzureFunctionsJobHost__extensions__blobs__poisonBlobThreshold":"7"}}""");
        var s = LocalSettings.Load(root, work, Env(("extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout", "00:00:20")));
        Assert.Equal(TimeSpan.FromSeconds(20), s.WorkItemQueueVisibilityTimeout);
        Assert.Equal("cpu", s.TrainingDevice);
        Assert.Equal(7, s.PoisonBlobThreshold);
    }

    [Fact]
    public void The_process_environment_layer_is_the_standard_providers_with_the_host_json_override_prefix()
    {
        var builder = new ConfigurationBuilder();
        LocalSettings.ProcessEnvironment(builder);
        var prefixes = builder.Sources.OfType<Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource>()
            .Select(s => s.Prefix).ToList();
        Assert.Equal([null, MmmSettings.HostJsonOverridePrefix], prefixes);
    }

    [Fact]
    public void Local_settings_in_the_working_directory_come_before_the_repository_root()
    {
        Files("""{"extensions":{"durableTask":{"hubName":"%TASKHUB_NAME%"}}}""", rootLocal: """{"Values":{"TASKHUB_NAME":"roothub","AzureWebJobsStorage":"root-conn"}}""");
        Assert.Equal(("roothub", "root-conn"), Pair(LocalSettings.Load(root, work, Env())));
        File.WriteAllText(Path.Combine(work, "local.settings.json"), """{"Values":{"TASKHUB_NAME":"wdhub"}}""");
        Assert.Equal(("wdhub", null), Pair(LocalSettings.Load(root, work, Env())));

        static (string, string?) Pair(MmmSettings s) => (s.HubName, s.StorageConnectionString);
    }

    [Fact]
    public void Broken_files_are_reported_with_their_path()
    {
        Files("{ not json");
        var e = Assert.Throws<InvalidDataException>(() => LocalSettings.Load(root, work, Env()));
        Assert.Contains(Path.Combine(root, "host.json"), e.Message);
        Files("{}", rootLocal: "{ nope");
        Assert.Contains("local.settings.json", Assert.Throws<InvalidDataException>(() => LocalSettings.Load(root, work, Env())).Message);
    }

    [Fact]
    public void Development_storage_is_the_default_and_means_azurite_on_the_well_known_ports()
    {
        Files("{}");
        var s = LocalSettings.Load(root, work, Env());
        Assert.Equal(StorageConnection.DevelopmentStorage, StorageConnection.Of(s));
        Assert.Equal(AzuriteProcess.ConnectionStringFor(10000, 10001, 10002), StorageConnection.Expand(StorageConnection.Of(s)));
        Assert.Equal("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b", StorageConnection.Expand("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b"));
    }

    [Fact]
    public void The_repository_files_give_the_defaults()
    {
        var s = LocalSettings.Load(RepositoryRoot.Find(), work, Env());
        Assert.Equal(new MmmSettings { StorageConnectionString = s.StorageConnectionString }, s);
    }
}
