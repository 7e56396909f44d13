using Microsoft.Extensions.Logging;
using Mmm.LocalHost.Commands;
using Mmm.Science.Data;

// The local host: the command-line entry point of the pipeline (see README).
const string Usage = """
    usage: mmm <command> [options]
      demo [--out <dir>]
          generate a synthetic panel with known truth, run it through the local pipeline, compare
      run <file.parquet> [--config <run-config.json>] [--out <dir>]
          serve in process, upload the file, follow the run, download its outputs
      serve [--url http://127.0.0.1:7071]
          blob watcher + durable executor + management API (storage from AzureWebJobsStorage;
          UseDevelopmentStorage=true starts Azurite when nothing listens)
      fit <input.parquet> --out <dir> [--config <run-config.json>] [--device cpu|cuda|auto]
          train the causal MMM on a Parquet panel in this process and write the output files
      bench [--epochs N] [--device cpu|cuda|auto]
          seconds per training epoch at the reference panel size and a small one, and peak memory
      generate <out.parquet> [--truth <truth.parquet>] [--scenario <recovery scenario>] [--seed N] [--regions N] [--weeks N] [--ragged N] [--lift-tests <se as a fraction of the true lift>]
          write a synthetic panel with known channel effects and a planted DAG edge (or a recovery scenario's)
      recovery [--scenario <name>[,<name>]] [--config <json|file>] [--seeds N] [--lift-tests <se as a fraction of the true lift>] [--out <file.csv|file.json>] [--data <dir>]
          attribution benchmark: fit the scenario suite with known truth, print share, ROAS, DAG and WAPE figures
    """;

// run and demo show a status line, so their log stays at warnings unless MMM_LOG_LEVEL says otherwise.
var quiet = args.Length > 0 && args[0] is "run" or "demo";
var level = Environment.GetEnvironmentVariable("MMM_LOG_LEVEL") is { } configured && Enum.TryParse<LogLevel>(configured, true, out var parsed)
    ? parsed : quiet ? LogLevel.Warning : LogLevel.Information;
using var logging = LoggerFactory.Create(b => b
    .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
    .AddFilter("DurableTask", level <= LogLevel.Debug ? level : LogLevel.Warning) // the engine's own log is chatty at Information
    .SetMinimumLevel(level));

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var rest = args.Skip(1);
    return args[0] switch
    {
        "fit" => await FitCommand.RunAsync(new CommandArguments(rest), logging),
        "serve" => await ServeCommand.RunAsync(new CommandArguments(rest), logging),
        "run" => await RunCommand.RunAsync(new CommandArguments(rest), logging),
        "demo" => await DemoCommand.RunAsync(new CommandArguments(rest), logging),
        "bench" => BenchCommand.Run(new CommandArguments(rest)),
        "generate" => await GenerateCommand.RunAsync(new CommandArguments(rest)),
        "recovery" => await RecoveryCommand.RunAsync(new CommandArguments(rest), logging),
        _ => throw new UsageException($"unknown command '{args[0]}'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
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
