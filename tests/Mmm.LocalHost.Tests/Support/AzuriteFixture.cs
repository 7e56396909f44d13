using Azure.Storage.Blobs;
using Mmm.LocalHost.Storage;

namespace Mmm.LocalHost.Tests.Support;

/// <summary>A real Azurite for a test class: free ports on 127.0.0.1, a fresh workspace, stopped at the end.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    public string Workspace { get; } = Path.Combine(Path.GetTempPath(), "mmm-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    public string ConnectionString => azurite!.ConnectionString;
    public BlobServiceClient Blobs => new(ConnectionString);

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync(Workspace);

    public async Task DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
        try { Directory.Delete(Workspace, recursive: true); } catch (IOException) { }
    }
}
