using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Api;

namespace Mmm.LocalHost.Tests.Api;

/// <summary>The management API hosted for real on 127.0.0.1 with a free port, and an HttpClient pointed at it.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication app;
    public HttpClient Http { get; }
    public string BaseUrl { get; }

    private ApiHost(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public static async Task<ApiHost> StartAsync(ManagementApiOptions options)
    {
        var app = LocalWebHost.Build(options, "http://127.0.0.1:0", b => b.Logging.ClearProviders());
        await app.StartAsync();
        var address = LocalWebHost.Addresses(app).Single();
        Assert.StartsWith("http://127.0.0.1:", address);
        return new ApiHost(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
