namespace Mmm.LocalHost.Storage;

/// <summary>The repository root: the nearest folder above the working directory or the binaries that holds Pipeline.sln.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("MMM_REPO_ROOT") is { Length: > 0 } configured) return configured;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                    return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Pipeline.sln); set MMM_REPO_ROOT.");
    }
}
