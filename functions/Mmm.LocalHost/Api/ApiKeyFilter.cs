using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mmm.LocalHost.Api;

/// <summary>
/// The optional function key: with a key configured every route needs header <c>x-functions-key</c> or query
/// <c>code</c> equal to it, else 401; without one the API is open.
/// </summary>
public sealed class ApiKeyFilter(string? apiKey) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (string.IsNullOrEmpty(apiKey) || IsAuthorized(context.HttpContext.Request, apiKey)) return next(context);
        return ValueTask.FromResult<object?>(JsonResults.Problem(StatusCodes.Status401Unauthorized,
            $"A key is required: header {HeaderName} or query parameter {QueryName}."));
    }

    public static bool IsAuthorized(HttpRequest request, string apiKey)
    {
        var expected = Encoding.UTF8.GetBytes(apiKey);
        foreach (var candidate in request.Headers[HeaderName].Concat(request.Query[QueryName]))
            if (candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), expected))
                return true;
        return false;
    }
}
