using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Commands;
using Mmm.Science.Data;

// The local host: the command-line entry point of the pipeline (see README). The commands and their usage text
// are defined once, in Commands/*Cli.cs (MmmCommandLine).

// run and demo show a status line, so their log stays at warnings unless MMM_LOG_LEVEL says otherwise.
var quiet = args.Length > 0 && args[0] is "run" or "demo";
var level = Environment.GetEnvironmentVariable("MMM_LOG_LEVEL") is { } configured && Enum.TryParse<LogLevel>(configured, true, out var parsed)
    ? parsed : quiet ? LogLevel.Warning : LogLevel.Information;
using var logging = LoggerFactory.Create(b => b
    .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
    .AddFilter("DurableTask", level <= LogLevel.Debug ? level : LogLevel.Warning) // the engine's own log is chatty at Information
    .SetMinimumLevel(level));

try
{
    return await MmmCommandLine.InvokeAsync(MmmCommandLine.Build(logging), args);
}
catch (PanelInputException e)
{
    Console.Error.WriteLine($"error [{e.Code}]: {e.Message}");
    return 3;
}
catch (IOException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
