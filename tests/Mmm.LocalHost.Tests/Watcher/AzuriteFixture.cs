using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Mmm.LocalHost.Storage;

namespace Mmm.LocalHost.Tests.Watcher;

/// <summary>One Azurite on free ports for the tests that need real storage; each test uses its own containers and hub name.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private string workspace = "";

    public BlobServiceClient Blobs { get; private set; } = null!;
    public QueueServiceClient Queues { get; private set; } = null!;
    public string ConnectionString => azurite!.ConnectionString;

    public async Task InitializeAsync()
    {
        workspace = Directory.CreateTempSubdirectory("mmm-azurite-api-").FullName;
        azurite = await AzuriteProcess.StartAsync(workspace);
        Blobs = new BlobServiceClient(azurite.ConnectionString);
        Queues = new QueueServiceClient(azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
        try { Directory.Delete(workspace, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A fresh, unique lower-case name (containers, hubs).</summary>
    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 12, 63)];
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite (API and watcher)";
}
