using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Api;

/// <summary>A web application bound to one URL (127.0.0.1:7071 by default) with the management API mapped.</summary>
public static class LocalWebHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="url">The URL to bind; port 0 picks a free one (read it with <see cref="Addresses"/> after starting).</param>
    /// <param name="configure">Extra registrations (logging, hosted services such as the blob watcher) before the app is built.</param>
    public static WebApplication Build(ManagementApiOptions options, string? url = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(LocalWebHost).Assembly.GetName().Name,
        });
        var bound = url ?? DefaultUrl;
        builder.WebHost.UseUrls(bound);
        configure?.Invoke(builder);
        var app = builder.Build();
        if (string.IsNullOrEmpty(options.ApiKey) && !IsLoopback(bound))
            app.Logger.LogWarning("The management API listens on {Url} without a key; set MMM_API_KEY", bound);
        ManagementApi.Map(app, options);
        return app;
    }

    /// <summary>The addresses the started server listens on (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || uri.Host is "127.0.0.1" or "[::1]" or "localhost");
}
