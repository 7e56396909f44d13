using Mmm.LocalHost.Engine;
using Mmm.LocalHost.Tests.Support;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Settings;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Engine;

public static class EngineFixtureExtensions
{
    /// <summary>Polls often: the tests wait on many short activities.</summary>
    public static MmmSettings TestSettings(string hub) => new() { HubName = hub, MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250) };

    /// <summary>An engine worker on this Azurite and hub, running the given activities.</summary>
    public static Task<MmmEngine> StartEngineAsync(this AzuriteFixture azurite, string hub, IEnumerable<ActivityBinding> activities,
        ITestOutputHelper output, Func<MmmSettings, MmmSettings>? tweak = null) =>
        MmmEngine.StartAsync((tweak ?? (s => s))(TestSettings(hub)), azurite.ConnectionString, activities, TestLogging.Factory(output));
}
