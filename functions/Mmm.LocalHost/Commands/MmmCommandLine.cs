using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Mmm.LocalHost.Commands;

/// <summary>
/// The <c>mmm</c> command line on System.CommandLine: the commands (one file each, <c>*Cli.cs</c>, building its
/// <see cref="Command"/> and calling the command's typed method), and the usage text, made from those definitions
/// only. A usage error (unknown command or option, missing argument, a value that does not parse, or a
/// <see cref="UsageException"/> from a command) prints <c>error: ...</c> and the usage on stderr and exits 2.
/// </summary>
public static class MmmCommandLine
{
    public const int UsageExitCode = 2;

    public static RootCommand Build(ILoggerFactory logging)
    {
        var root = new RootCommand("mmm: the marketing-mix pipeline's local host")
        {
            DemoCli.Build(logging),
            RunCli.Build(logging),
            ServeCli.Build(logging),
            FitCli.Build(logging),
            PlanCli.Build(),
            BenchCli.Build(),
            GenerateCli.Build(),
            RecoveryCli.Build(logging),
        };
        foreach (var help in root.Options.OfType<HelpOption>()) help.Action = new UsageAction();
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; the exit code. Exceptions other than usage errors propagate.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        if (args.Length == 0)
        {
            Console.WriteLine(Usage(root));
            return UsageExitCode;
        }
        if (args[0] == "help") args = [.. args[1..], "--help"]; // mmm help [command]
        var result = root.Parse(args);
        if (result.Action is not UsageAction && UsageError(result) is { } error)
            return Fail(error, result.CommandResult.Command);
        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            return Fail(e.Message, result.CommandResult.Command);
        }

        static int Fail(string message, Command command)
        {
            Console.Error.WriteLine($"error: {message}");
            Console.Error.WriteLine(Usage(command));
            return UsageExitCode;
        }
    }

    /// <summary>The first problem of a parse, worded for the user (naming the token, option or argument); null when it parsed.</summary>
    public static string? UsageError(ParseResult result)
    {
        var command = result.CommandResult.Command;
        if (command is RootCommand && result.Tokens.Count > 0 && !result.Tokens[0].Value.StartsWith('-'))
            return $"unknown command '{result.Tokens[0].Value}'";
        if (result.UnmatchedTokens.FirstOrDefault() is { } unmatched)
            return unmatched.StartsWith('-') ? $"unknown option {unmatched}" : $"unexpected argument '{unmatched}'";
        foreach (var argument in command.Arguments)
            if (argument.Arity.MinimumNumberOfValues > 0 && (result.GetResult(argument) is not { } given || given.Tokens.Count == 0))
                return $"missing argument <{argument.HelpName ?? argument.Name}>";
        return result.Errors.Count > 0 ? result.Errors[0].Message : null;
    }

    /// <summary>The usage of the whole command line (the root) or of one command, from the definitions.</summary>
    public static string Usage(Command command)
    {
        var text = new StringBuilder();
        if (command is RootCommand root)
        {
            text.AppendLine("usage: mmm <command> [options]   (mmm <command> --help: its options)");
            foreach (var sub in root.Subcommands.Where(c => !c.Hidden))
            {
                text.AppendLine($"  {Synopsis(sub)}");
                text.AppendLine($"      {sub.Description}");
            }
            return text.ToString().TrimEnd();
        }
        text.AppendLine($"usage: mmm {Synopsis(command)}");
        text.AppendLine($"  {command.Description}");
        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        var options = command.Options.Where(o => !o.Hidden && o is not HelpOption).ToList();
        if (arguments.Count + options.Count > 0) text.AppendLine();
        var rows = arguments.Select(a => ($"<{a.HelpName ?? a.Name}>", a.Description))
            .Concat(options.Select(o => (Flag(o), o.Description)))
            .ToList();
        int width = rows.Max(r => r.Item1.Length) + 2;
        foreach (var (name, description) in rows) text.AppendLine($"  {name.PadRight(width)}{description}");
        return text.ToString().TrimEnd();
    }

    /// <summary><c>fit &lt;input.parquet&gt; --out &lt;dir&gt; [--config &lt;run-config.json&gt;]</c>: the name, arguments, then options (optional ones bracketed).</summary>
    public static string Synopsis(Command command)
    {
        var parts = new List<string> { command.Name };
        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.HelpName ?? a.Name}>"));
        parts.AddRange(command.Options.Where(o => !o.Hidden && o is not HelpOption).Select(o => o.Required ? Flag(o) : $"[{Flag(o)}]"));
        return string.Join(' ', parts);
    }

    /// <summary><c>--out &lt;dir&gt;</c>.</summary>
    private static string Flag(Option option) => option.HelpName is { } name ? $"{option.Name} <{name}>" : option.Name;

    /// <summary><c>--help</c> (and <c>mmm help</c>): the usage of the command it follows, on stdout, exit 0.</summary>
    private sealed class UsageAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            Console.WriteLine(Usage(parseResult.CommandResult.Command));
            return 0;
        }
    }
}

/// <summary>A command line a command cannot run with; exit 2 with the message and the usage.</summary>
public sealed class UsageException(string message) : Exception(message);
