using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mmm.LocalHost.Api;

/// <summary>A JSON request body (an orchestration input, an event's data), read with a size limit.</summary>
internal static class JsonBodies
{
    /// <summary>Inputs travel in queue messages and history rows: anything large belongs in a blob, passed by URI.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The parsed body (null when empty), or the answer to give instead: 400 for bad JSON, 413 when too large.</summary>
    public static async Task<(JsonNode? Body, IResult? Problem)> TryReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return (await ReadAsync(request, ct), null);
        }
        catch (JsonException e)
        {
            return (null, JsonResults.Problem(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {e.Message}"));
        }
        catch (InvalidDataException e)
        {
            return (null, JsonResults.Problem(StatusCodes.Status413PayloadTooLarge, e.Message));
        }
    }

    private static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw new InvalidDataException($"The JSON body is larger than {MaxBytes} bytes; pass blob URIs instead.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return null;
        buffer.Position = 0;
        var text = new StreamReader(buffer).ReadToEnd();
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }
}
