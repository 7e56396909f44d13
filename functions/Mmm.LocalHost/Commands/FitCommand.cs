using Microsoft.Extensions.Logging;
using Mmm.LocalHost.ConsoleOutput;
using Mmm.Science.Data;
using Mmm.Science.Results;
using Mmm.Science.Training;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>fit &lt;input.parquet&gt; --out &lt;dir&gt; [--config &lt;json&gt;] [--device cpu|cuda|auto]</c>: trains in process and
/// writes the contract's output files. A folder holding a finished run is refused before anything is read
/// or trained (exit 1); training whose loss goes non-finite exits <see cref="DivergedExitCode"/>.
/// </summary>
public static class FitCommand
{
    public const int DivergedExitCode = 4;

    public static async Task<int> FitAsync(string input, string outDir, string? configPath, string? device, ILoggerFactory logging)
    {
        input = Path.GetFullPath(input);
        if (!File.Exists(input)) throw new UsageException($"input file not found: {input}");
        OutputWriter.RefuseIfComplete(outDir);

        RunConfig? config = null;
        if (configPath is not null)
            config = RunConfig.Parse(await File.ReadAllTextAsync(configPath), Path.GetFileName(configPath));
        PanelReadResult read;
        await using (var stream = File.OpenRead(input))
            read = await PanelReader.ReadAsync(stream, Path.GetFileName(input), config);
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
            System.Console.Error.WriteLine($"error [{TrainingDivergedException.Code}]: {Path.GetFileName(input)}: {e.Message}");
            return DivergedExitCode;
        }
        var outputs = RunSummaryBuilder.Outputs(panel, runConfig, run.Result, run.History, run.TimingsSeconds, run.Device,
            new Uri(input).AbsoluteUri, etag: null, instanceId: null);
        await OutputWriter.WriteAsync(Path.GetFullPath(outDir), outputs);
        SummaryPrinter.Print(outputs.Summary, run);
        System.Console.WriteLine($"Outputs written to {Path.GetFullPath(outDir)}");
        return 0;
    }
}
