using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mmm.Functions;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The same storage account as the Functions host (AzureWebJobsStorage): a connection string where one is
// given (local: UseDevelopmentStorage=true), else the identity-based AzureWebJobsStorage__blobServiceUri
// with the app's managed identity (Azure: no account keys at all).
builder.Services.AddSingleton(_ => CreateBlobService(builder.Configuration));
builder.Services.AddSingleton<IRunStore>(sp => new BlobRunStore(sp.GetRequiredService<BlobServiceClient>()));
builder.Services.AddSingleton(sp => new MmmActivities(sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<ILoggerFactory>()));
builder.Services.AddSingleton<RunLocations>();

builder.Build().Run();

static BlobServiceClient CreateBlobService(IConfiguration configuration)
{
    if (configuration["AzureWebJobsStorage"] is { Length: > 0 } connectionString)
        return new BlobServiceClient(connectionString);
    var blobServiceUri = configuration["AzureWebJobsStorage:blobServiceUri"]
        ?? throw new InvalidOperationException("Set AzureWebJobsStorage (a connection string) or AzureWebJobsStorage__blobServiceUri.");
    return new BlobServiceClient(new Uri(blobServiceUri), new DefaultAzureCredential());
}
