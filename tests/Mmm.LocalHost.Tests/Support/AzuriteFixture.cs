using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Mmm.LocalHost.Storage;

namespace Mmm.LocalHost.Tests.Support;

/// <summary>
/// A real Azurite for a test class or collection: free ports on 127.0.0.1, a fresh workspace, stopped at
/// the end. Tests that share one take their own containers and task hubs (<see cref="Unique"/>, <see cref="NewHub"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    public string Workspace { get; } = Path.Combine(Path.GetTempPath(), "mmm-azurite-" + Guid.NewGuid().ToString("N")[..12]);
    public string ConnectionString => azurite!.ConnectionString;
    public BlobServiceClient Blobs { get; private set; } = null!;
    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync(Workspace);
        Blobs = new BlobServiceClient(azurite.ConnectionString);
        Queues = new QueueServiceClient(azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
        try { Directory.Delete(Workspace, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A fresh, unique lower-case name (containers, hubs).</summary>
    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 12, 63)];

    /// <summary>A fresh task hub name (letters and digits only).</summary>
    public static string NewHub() => "t" + Guid.NewGuid().ToString("N")[..12];
}
