namespace Mmm.LocalHost.Tests.Commands;

/// <summary>The command line's usage errors and help, from the System.CommandLine definitions: exit 2 with the error and the usage on stderr.</summary>
public class UsageTests
{
    [Theory]
    [InlineData("unknown option --outt", "fit", "x.parquet", "--outt", "y")]
    [InlineData("unknown option --epoch", "bench", "--epoch", "3")]
    [InlineData("missing argument <input.parquet>", "fit", "--out", "dir")]
    [InlineData("missing argument <file.parquet>", "run")]
    [InlineData("missing argument <out.parquet>", "generate")]
    [InlineData("'--out' is required", "fit", "x.parquet")]
    [InlineData("unexpected argument 'extra'", "run", "a.parquet", "extra")]
    [InlineData("'--epochs'", "bench", "--epochs", "many")]
    [InlineData("unknown command 'fitt'", "fitt")]
    public async Task Usage_errors_exit_2_with_the_error_naming_it_and_the_usage(string message, params string[] args)
    {
        var (code, stdout, stderr) = await MmmCli.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Contains("usage: mmm", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task A_dataset_name_that_breaks_the_rule_is_a_usage_error_of_run()
    {
        var file = MmmCli.TempFile("mmm-usage", "bad name.parquet");
        await File.WriteAllBytesAsync(file, [1]);
        var (code, _, stderr) = await MmmCli.RunAsync("run", file);
        Assert.Equal(2, code);
        Assert.Contains("dataset name 'bad name.parquet' is not usable", stderr);
        Assert.Contains(Mmm.Workflow.Orchestration.DatasetNames.Rule, stderr);
    }

    [Fact]
    public async Task No_arguments_print_the_usage_of_every_command_and_exit_2()
    {
        var (code, stdout, _) = await MmmCli.RunAsync();
        Assert.Equal(2, code);
        Assert.StartsWith("usage: mmm <command> [options]", stdout);
        foreach (var command in new[] { "demo", "run", "serve", "fit", "bench", "generate", "recovery" })
            Assert.Contains($"\n  {command} ", stdout.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("usage: mmm <command>", "help")]
    [InlineData("usage: mmm <command>", "--help")]
    [InlineData("usage: mmm fit <input.parquet> --out <dir> [--config <run-config.json>] [--device <cpu|cuda|auto>]", "fit", "--help")]
    [InlineData("--seeds <N>", "recovery", "-h")]
    [InlineData("usage: mmm run <file.parquet>", "help", "run")]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0(string expected, params string[] args)
    {
        var (code, stdout, _) = await MmmCli.RunAsync(args);
        Assert.Equal(0, code);
        Assert.Contains(expected, stdout);
    }
}
