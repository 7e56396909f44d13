using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mmm.Functions.Tests.Support;
using Mmm.Workflow.Settings;

namespace Mmm.Functions.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>The Functions app reads the same settings record as the local host: host.json next to the app, overrides, app settings.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public class FunctionsSettingsTests
{
    [Fact]
    public void The_app_reads_hub_containers_device_and_concurrency_from_host_json_and_app_settings()
    {
        const string device = MmmSettings.HostJsonOverridePrefix + "mmm__training__device";
        const string activities = MmmSettings.HostJsonOverridePrefix + "extensions__durableTask__maxConcurrentActivityFunctions";
        Environment.SetEnvironmentVariable(device, "cpu");
        Environment.SetEnvironmentVariable(activities, "2");
        try
        {
            using var app = FunctionsAppHost.Build(new Dictionary<string, string?>
            {
                [MmmSettings.StorageSetting] = "UseDevelopmentStorage=true",
                ["TASKHUB_NAME"] = "prodhub",
                [MmmSettings.InputContainerSetting] = "in-x",
                [MmmSettings.OutputContainerSetting] = "out-x",
            });
            var settings = app.Services.GetRequiredService<MmmSettings>();
            Assert.Equal("prodhub", settings.HubName);
            Assert.Equal(("in-x", "out-x", "mmm-work"), (settings.InputContainer, settings.OutputContainer, settings.WorkContainer));
            Assert.Equal("cpu", settings.TrainingDevice);
            Assert.Equal(2, settings.MaxConcurrentActivityFunctions);
            Assert.Equal(4, settings.PartitionCount); // from the repository's host.json, copied next to the app
            Assert.Equal("in-x", app.Services.GetRequiredService<RunLocations>().Input.Name);
        }
        finally
        {
            Environment.SetEnvironmentVariable(device, null);
            Environment.SetEnvironmentVariable(activities, null);
        }
    }

    [Fact]
    public void A_bad_setting_stops_the_app_at_start_naming_the_key()
    {
        using var app = FunctionsAppHost.Build(new Dictionary<string, string?>
        {
            [MmmSettings.StorageSetting] = "UseDevelopmentStorage=true",
            [MmmSettings.InputContainerSetting] = "Bad_Name",
        });
        var e = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("MMM_INPUT_CONTAINER must be a blob container name (3-63 lower-case letters, digits or '-'), not 'Bad_Name'", e.Message);
    }
}
