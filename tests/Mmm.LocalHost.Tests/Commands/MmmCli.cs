using System.Diagnostics;
using Mmm.LocalHost.Storage;

namespace Mmm.LocalHost.Tests.Commands;

/// <summary>The built `mmm` command as a user runs it: a child process in the repository root, its exit code and output.</summary>
internal static class MmmCli
{
    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunWithAsync(null, args);

    /// <param name="environment">Variables set for the child process on top of this one's.</param>
    public static async Task<(int Code, string Out, string Err)> RunWithAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot.Find(), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mmm.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A path named <paramref name="name"/> in a fresh temporary folder (<paramref name="prefix"/> names the folder).</summary>
    public static string TempFile(string prefix, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
