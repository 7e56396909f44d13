using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;

namespace Mmm.LocalHost.Watcher;

/// <summary>The poison message of the Functions blob trigger.</summary>
public sealed record PoisonBlobMessage(string FunctionId, string BlobType, string ContainerName, string BlobName, string ETag);

/// <summary>
/// The <c>webjobs-blobtrigger-poison</c> queue. Messages are JSON, Base64-encoded as the Functions queue
/// trigger expects by default.
/// </summary>
public sealed class PoisonBlobQueue(QueueServiceClient queues)
{
    public const string QueueName = "webjobs-blobtrigger-poison";

    private readonly QueueClient queue = queues.GetQueueClient(QueueName);

    public async Task SendAsync(PoisonBlobMessage message, CancellationToken ct)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        var json = JsonSerializer.Serialize(message);
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), ct);
    }
}
