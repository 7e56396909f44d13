using System.CommandLine;
using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Api;

namespace Mmm.LocalHost.Commands;

/// <summary><c>mmm serve</c>'s command line (<see cref="ServeCommand"/>).</summary>
internal static class ServeCli
{
    public static Command Build(ILoggerFactory logging)
    {
        var url = new Option<string>("--url")
        {
            HelpName = "url", Description = $"where the management API listens (default {LocalWebHost.DefaultUrl})",
            DefaultValueFactory = _ => LocalWebHost.DefaultUrl,
        };
        var command = new Command("serve", "blob watcher + durable executor + management API (storage from AzureWebJobsStorage; " +
                                           "UseDevelopmentStorage=true starts Azurite when nothing listens)") { url };
        command.SetAction((result, _) => ServeCommand.RunAsync(result.GetValue(url)!, logging));
        return command;
    }
}
