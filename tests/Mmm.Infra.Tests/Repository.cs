using System.Diagnostics;
using System.Reflection;

namespace Mmm.Infra.Tests;

/// <summary>Paths baked in at build time (AssemblyMetadata in the .csproj) and a small process runner.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The bicep binary from the Azure.Bicep.CommandLine.linux-x64 package in the NuGet cache.</summary>
    public static string Bicep { get; } = Metadata("BicepPath");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Runs a program in the repository root: a path (made executable), or a command on PATH (dotnet, git).</summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(string fileName, params string[] arguments)
    {
        if (fileName.Contains('/')) EnsureExecutable(fileName);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // No telemetry, no update checks: the tests run offline.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static void EnsureExecutable(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Not found: {path} (did restore run?)", path);
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute)) File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} metadata");
}
