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
/// The app's services: the shared settings record bound from host.json (copied next to the app; the worker does
/// not get the host's view of it), the app settings and <c>AzureFunctionsJobHost__</c> overrides and validated at start, the
/// workflow's JSON options as the worker's serializer (the Durable extension uses it for orchestration and
/// activity payloads and custom status, so the status JSON has the same keys as the local host's), the storage
/// account, and the activities (training on the configured device, planning).
/// </summary>
public static class FunctionsApp
{
    public static void Configure(FunctionsApplicationBuilder builder)
    {
        // The worker's configuration already holds the app settings (environment variables); host.json comes next to the
        // app, then its AzureFunctionsJobHost__ overrides, as the Functions host layers them.
        var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
        builder.Configuration.AddJsonFile(hostJson, optional: true).AddEnvironmentVariables(MmmSettings.HostJsonOverridePrefix);

        var services = builder.Services;
        services.AddMmmSettings(builder.Configuration);
        services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));
        // The Durable extension turns an orchestration's JSON input into GetInput<T>'s type with the worker's global
        // JSON options in some versions: they get the same settings.
        services.Configure<JsonSerializerOptions>(WorkflowJson.ApplyTo);
        services.AddSingleton(sp => CreateBlobService(builder.Configuration, sp.GetRequiredService<MmmSettings>()));
        services.AddSingleton<IRunStore>(sp => new BlobRunStore(sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton(sp => new ComputeThreads(sp.GetRequiredService<MmmSettings>().MaxConcurrentActivityFunctions));
        services.AddSingleton(sp => new MmmActivities(sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<MmmSettings>().TrainingDevice, sp.GetRequiredService<ComputeThreads>()));
        services.AddSingleton(sp => new PlanActivities(sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ComputeThreads>()));
        services.AddSingleton<RunLocations>();
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
