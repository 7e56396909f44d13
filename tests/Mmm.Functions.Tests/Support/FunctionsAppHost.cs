using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Extensions.DurableTask;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mmm.Functions.Tests.Support;

/// <summary>
/// The Functions app's services as its worker builds them (Program's <see cref="FunctionsApp.Configure"/> plus the
/// Durable extension's own startup), built but not run: there is no Functions host here to connect to.
/// </summary>
internal static class FunctionsAppHost
{
    public static IHost Build(IDictionary<string, string?> appSettings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(appSettings);
        FunctionsApp.Configure(builder);
        new DurableTaskExtensionStartup().Configure(builder);
        return builder.Build();
    }

    /// <summary>The data converter the Durable extension gives the worker and the client of this app (from the worker's serializer).</summary>
    public static DataConverter DataConverter(this IHost host) =>
        host.Services.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName).DataConverter;
}
