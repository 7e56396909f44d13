using Microsoft.Extensions.Logging;
using Mmm.LocalHost.ConsoleOutput;
using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Science.Training;
using Mmm.Workflow.Activities;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm fit</c> (its options: <see cref="FitCli"/>): trains in process and
/// writes the contract's output files through the pipeline's writer (<see cref="OutputFiles"/> on a
/// <see cref="FileRunStore"/>). A folder holding a finished run is refused before anything is read or trained
/// (exit 1); rejected input (exit 3) and training whose loss goes non-finite (exit <see cref="DivergedExitCode"/>)
/// leave error.json.
/// </summary>
public static class FitCommand
{
    public const int DivergedExitCode = 4;

    /// <param name="device">cpu, cuda or auto: replaces the run config's device; null keeps it.</param>
    /// <exception cref="PanelInputException">The input or its run config is rejected (error.json is written first).</exception>
    public static async Task<int> FitAsync(string input, string outDir, string? configPath, string? device, ILoggerFactory logging)
    {
        input = Path.GetFullPath(input);
        if (!File.Exists(input)) throw new UsageException($"input file not found: {input}");
        var store = new FileRunStore();
        var output = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        await OutputFiles.RefuseIfFinishedAsync(store, output, default);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        PanelReadResult read;
        try
        {
            read = await ReadAsync(input, configPath);
        }
        catch (PanelInputException e)
        {
            await OutputFiles.WriteErrorAsync(store, output, RunError.Of(e), instanceId: null, default);
            throw;
        }
        double readSeconds = clock.Elapsed.TotalSeconds;
        var runConfig = read.Config;
        if (device is not null)
            runConfig = runConfig with { Options = runConfig.Options with { Device = device } };

        var logger = logging.CreateLogger("fit");
        var panel = read.Panel;
        logger.LogInformation("Read {File}: {Rows} rows, {Regions} regions x {Periods} periods, {Channels} channels, {Controls} controls, {Absent} absent cells",
            Path.GetFileName(input), panel.RowCount, panel.RegionCount, panel.PeriodCount, panel.ChannelCount, panel.ControlCount, panel.AbsentCells);

        var options = runConfig.Options;
        var progress = new ProgressLine(options.Epochs, DualSchedule.MaxOuterIterations(options));
        TrainingRun run;
        try
        {
            run = TrainingDriver.Run(panel, options, logger, progress.Report);
        }
        catch (TrainingDivergedException e)
        {
            if (!System.Console.IsErrorRedirected) System.Console.Error.WriteLine(); // end the progress line
            System.Console.Error.WriteLine($"error [{ErrorCodes.TrainingDiverged}]: {Path.GetFileName(input)}: {e.Message}");
            await OutputFiles.WriteErrorAsync(store, output, new RunError(ErrorCodes.TrainingDiverged, e.Message), instanceId: null, default);
            return DivergedExitCode;
        }
        // The pipeline's scaling step reads and validates the input too.
        var timings = new Dictionary<string, double>(run.TimingsSeconds);
        timings[TimingKeys.Scaling] = timings.GetValueOrDefault(TimingKeys.Scaling) + readSeconds;
        var outputs = RunSummaryBuilder.Outputs(panel, runConfig, run.Result, run.History, timings, run.Device,
            new Uri(input).AbsoluteUri, etag: null, instanceId: null);
        await OutputFiles.WriteAsync(store, output, outputs, default);
        SummaryPrinter.Print(outputs.Summary, run);
        System.Console.WriteLine($"Outputs written to {output}");
        return 0;
    }

    private static async Task<PanelReadResult> ReadAsync(string input, string? configPath)
    {
        RunConfig? config = null;
        if (configPath is not null)
            config = RunConfig.Parse(await File.ReadAllTextAsync(configPath), Path.GetFileName(configPath));
        await using var stream = File.OpenRead(input);
        return await PanelReader.ReadAsync(stream, Path.GetFileName(input), config);
    }
}
