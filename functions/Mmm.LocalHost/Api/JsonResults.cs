using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mmm.LocalHost.Api;

/// <summary>JSON responses written exactly as built (property names are already the wire names).</summary>
internal static class JsonResults
{
    public static IResult Json(JsonNode node, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(node.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, statusCode);

    /// <summary>A client error with a readable message: <c>{"message": "..."}</c>.</summary>
    public static IResult Problem(int statusCode, string message) => Json(new JsonObject { ["message"] = message }, statusCode);
}
