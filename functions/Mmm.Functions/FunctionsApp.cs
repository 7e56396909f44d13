using System.Text.Json;
using Azure.Core.Serialization;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mmm.Science.Training;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;
using Mmm.Workflow.Storage;

namespace Mmm.Functions;

/// <summary>
/// The app's services: the shared settings record read from host.json (copied next to the app; the worker does
/// not get the host's view of it) with <c>AzureFunctionsJobHost__</c> overrides and the app settings, the
/// workflow's JSON options as the worker's serializer (the Durable extension uses it for orchestration and
/// activity payloads and custom status, so the status JSON has the same keys as the local host's), the storage
/// account, and the activities on the configured training device.
/// </summary>
public static class FunctionsApp
{
    public static MmmSettings Configure(FunctionsApplicationBuilder builder)
    {
        var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
        builder.Configuration.AddJsonFile(hostJson, optional: true).AddEnvironmentVariables(MmmSettings.HostJsonOverridePrefix);
        var settings = MmmSettings.From(builder.Configuration, hostJson);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));
        // The Durable extension turns an orchestration's JSON input into GetInput<T>'s type with the worker's global
        // JSON options in some versions: they get the same settings.
        services.Configure<JsonSerializerOptions>(WorkflowJson.ApplyTo);
        services.AddSingleton(_ => CreateBlobService(builder.Configuration, settings));
        services.AddSingleton<IRunStore>(sp => new BlobRunStore(sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton(_ => new ComputeThreads(settings.MaxConcurrentActivityFunctions));
        services.AddSingleton(sp => new MmmActivities(sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<ILoggerFactory>(), settings.TrainingDevice,
            sp.GetRequiredService<ComputeThreads>()));
        services.AddSingleton<RunLocations>();
        return settings;
    }

    /// <summary>
    /// The Functions host's own storage account (AzureWebJobsStorage): a connection string where one is given
    /// (local: UseDevelopmentStorage=true), else the identity-based AzureWebJobsStorage__blobServiceUri with the
    /// app's managed identity (Azure: no account keys at all).
    /// </summary>
    private static BlobServiceClient CreateBlobService(IConfiguration configuration, MmmSettings settings)
    {
        if (settings.StorageConnectionString is { } connectionString) return new BlobServiceClient(connectionString);
        var blobServiceUri = configuration[$"{MmmSettings.StorageSetting}:blobServiceUri"]
            ?? throw new InvalidOperationException($"Set {MmmSettings.StorageSetting} (a connection string) or {MmmSettings.StorageSetting}__blobServiceUri.");
        return new BlobServiceClient(new Uri(blobServiceUri), new DefaultAzureCredential());
    }
}
