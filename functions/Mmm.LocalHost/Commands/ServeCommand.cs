using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Api;
using Mmm.LocalHost.Hosting;
using Mmm.LocalHost.Settings;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm serve</c> (its options: <see cref="ServeCli"/>): the blob watcher, an engine worker and the management API until Ctrl+C
/// or SIGTERM. Several serve processes on one storage account and task hub share the hub's runs.
/// </summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string url, ILoggerFactory logging)
    {
        var settings = LocalSettings.Load();
        await using var pipeline = await LocalPipeline.StartAsync(settings, logging, url);
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        Console.WriteLine($"Serving task hub {settings.HubName} as worker {pipeline.Engine.WorkerId}. Drop Parquet panels into the " +
                          $"'{settings.InputContainer}' container; status at {pipeline.BaseUrl}/runtime/webhooks/durabletask/instances. Ctrl+C stops.");
        await stop.Task;
        Console.WriteLine("Stopping (an activity in flight goes back to the queue; unfinished runs continue on another worker or at the next start).");
        return 0;
    }
}
