using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Mmm.LocalHost.ConsoleOutput;
using Mmm.LocalHost.Storage;
using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Lab.Recovery;
using Mmm.Science.Training;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// <c>mmm recovery</c> (its options: <see cref="RecoveryCli"/>): the
/// attribution benchmark. Fits every scenario of <see cref="RecoverySuite"/> in turn with the real default model
/// (plus any overrides), prints a block of figures per fit against the known truth, and ends with the suite's
/// worst cases in one line that scripts read (<see cref="SuiteSummary.ClosingLine"/>). A scenario with experiments of its own
/// is calibrated to them; <c>--lift-tests</c> adds simulated experiments to every fit (<see cref="SimulatedLiftTests"/>). After each
/// fit of a synthetic scenario the planner's default recommendation is valued under the true generating process against the true
/// optimum (<see cref="Mmm.Lab.Decisions.PlannerTruthCheck"/>; the PyMC example has no generator: n/a).
/// </summary>
public static class RecoveryCommand
{
    public static async Task<int> RunAsync(string? scenarioNames, string? config, int seeds, string? liftTests, string? outPath, string? data,
        ILoggerFactory logging)
    {
        var options = Options(config);
        if (seeds < 1) throw new UsageException("--seeds must be at least 1");
        double? liftPrecision = LiftPrecision(liftTests);
        if (outPath is not null && Path.GetExtension(outPath).ToLowerInvariant() is not (".csv" or ".json"))
            throw new UsageException($"--out must end in .csv or .json (got '{outPath}')");

        var scenarios = Select(RecoverySuite.Scenarios(DataDirectory(data)), scenarioNames);
        var logger = new MinimumLevelLogger(logging.CreateLogger("recovery"),
            Environment.GetEnvironmentVariable("MMM_LOG_LEVEL") is null ? LogLevel.Warning : LogLevel.Trace);
        Console.WriteLine($"mmm recovery: {scenarios.Count} scenario{(scenarios.Count == 1 ? "" : "s")} x {seeds} seed{(seeds == 1 ? "" : "s")} " +
                          $"(model seeds {string.Join(", ", Enumerable.Range(options.Seed, seeds))}); config: {Overrides(options)}" +
                          (liftPrecision is { } p
                              ? $"; calibrated to simulated lift tests, one per channel, se {100 * p:G3} % of the true lift (at least {100 * SimulatedLiftTests.KpiFloor:G3} % of the tested rows' KPI)"
                              : ""));

        var scores = new List<ScenarioScore>();
        var spreads = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < scenarios.Count; i++)
        {
            var scenario = scenarios[i];
            var loaded = await scenario.LoadAsync(CancellationToken.None);
            if (liftPrecision is { } precision) loaded = SimulatedLiftTests.With(loaded, precision, options);
            Console.WriteLine(ScenarioReportText.Header(i + 1, scenarios.Count, scenario, loaded));
            var runs = new List<ScenarioScore>();
            for (int k = 0; k < seeds; k++)
            {
                var seeded = options with { Seed = options.Seed + k };
                // The epoch progress line only where it overwrites itself; redirected output gets the blocks alone.
                Action<EpochProgress>? progress = Console.IsErrorRedirected
                    ? null
                    : new ProgressLine(seeded.Epochs, DualSchedule.MaxOuterIterations(seeded)).Report;
                var run = RecoveryRunner.Run(loaded, seeded, logger, progress, scorePlan: true);
                runs.Add(run.Score);
                foreach (var line in ScenarioReportText.Block(run.Score)) Console.WriteLine(line);
            }
            if (seeds > 1)
            {
                var spread = SeedSpread.LargestShareMovement(runs);
                spreads[scenario.Name] = spread.Spread;
                Console.WriteLine(ScenarioReportText.SeedSpreadLine(scenario.Name, seeds, spread));
            }
            scores.AddRange(runs);
        }

        if (outPath is not null)
        {
            await RecoveryReportFile.WriteAsync(outPath, scores, seeds > 1 ? spreads : null);
            Console.WriteLine($"results written to {Path.GetFullPath(outPath)}");
        }
        var summary = SuiteSummary.From(scores);
        Console.WriteLine($"wall time {scores.Sum(s => s.WallSeconds):F0} s, CPU time {scores.Sum(s => s.CpuSeconds ?? 0):F0} s over {scores.Count} fits");
        if (seeds > 1)
        {
            var worst = spreads.MaxBy(x => x.Value);
            Console.WriteLine($"seeds: largest share movement between seeds {100 * worst.Value:F2} pp ({worst.Key})");
        }
        Console.WriteLine(summary.WorstCasesLine());
        if (summary.CoverageLine() is { } coverage) Console.WriteLine(coverage);
        if (summary.Elasticity is { } elasticity) Console.WriteLine(elasticity.Line());
        if (SuiteSummary.PlannerLine(scores) is { } planner) Console.WriteLine(planner);
        Console.WriteLine(summary.ClosingLine());
        return 0;
    }

    /// <summary>The value of --lift-tests: the simulated tests' se as a fraction of the true lift over the tested rows; null when absent.</summary>
    internal static double? LiftPrecision(string? value)
    {
        if (value is null) return null;
        return double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0 && p < 1
            ? p
            : throw new UsageException($"--lift-tests takes the tests' standard error as a fraction of the true lift, between 0 and 1, e.g. 0.15 (got '{value}')");
    }

    /// <summary>The self-check's refits per fit unless --config sets selfCheck: on in the benchmark, off in the product.</summary>
    public const int SelfCheckRefits = 10;

    /// <summary>The product defaults with the self-check on (<see cref="SelfCheckRefits"/>), and the model-option overrides of
    /// <paramref name="config"/> (inline JSON or a file).</summary>
    private static MmmOptions Options(string? config)
    {
        if (config is null) return new MmmOptions { SelfCheck = SelfCheckRefits };
        bool inline = config.TrimStart().StartsWith('{');
        if (!inline && !File.Exists(config)) throw new UsageException($"--config is neither a JSON object nor a file: {config}");
        var parsed = RunConfig.Parse(inline ? config : File.ReadAllText(config), inline ? "--config" : Path.GetFileName(config));
        if (parsed.Roles != ColumnRoles.None)
            throw new UsageException("--config: column roles (date, region, kpi, media, controls) do not apply to the suite's panels");
        bool setsSelfCheck = JsonNode.Parse(inline ? config : File.ReadAllText(config)) is JsonObject o && o.ContainsKey("selfCheck");
        return setsSelfCheck ? parsed.Options : parsed.Options with { SelfCheck = SelfCheckRefits };
    }

    /// <summary>The settings that differ from the product defaults, in run-config syntax.</summary>
    private static string Overrides(MmmOptions options)
    {
        var defaults = JsonNode.Parse(RunConfig.Default.ToJson())!.AsObject();
        var actual = JsonNode.Parse((RunConfig.Default with { Options = options }).ToJson())!.AsObject();
        var changed = actual.Where(kv => !JsonNode.DeepEquals(kv.Value, defaults[kv.Key])).Select(kv => $"{kv.Key}: {kv.Value?.ToJsonString() ?? "null"}").ToList();
        return changed.Count == 0 ? "product defaults" : "product defaults with " + string.Join(", ", changed);
    }

    private static IReadOnlyList<RecoveryScenario> Select(IReadOnlyList<RecoveryScenario> all, string? names)
    {
        if (names is null) return all;
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Where(n => all.All(s => s.Name != n)).ToList();
        if (wanted.Length == 0 || unknown.Count > 0)
            throw new UsageException($"unknown scenario '{string.Join("', '", unknown)}'; known: {string.Join(", ", all.Select(s => s.Name))}");
        return all.Where(s => wanted.Contains(s.Name)).ToList();
    }

    /// <summary>--data, else the repository's tests/data (the PyMC scenario names the file if it is not there).</summary>
    private static string DataDirectory(string? given)
    {
        if (given is not null) return Path.GetFullPath(given);
        try
        {
            return Path.Combine(RepositoryRoot.Find(), "tests", "data");
        }
        catch (InvalidOperationException)
        {
            return Path.Combine(Directory.GetCurrentDirectory(), "tests", "data");
        }
    }

    /// <summary>The training's per-iteration log would drown the figures: only warnings pass unless MMM_LOG_LEVEL is set.</summary>
    private sealed class MinimumLevelLogger(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);
        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
