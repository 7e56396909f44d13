using System.Reflection;

namespace Mmm.Functions.Tests.Support;

/// <summary>Paths baked in at build time (AssemblyMetadata in the .csproj).</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The functions.metadata the Worker SDK's generator wrote for the Functions app (what the Functions host indexes).</summary>
    public static string FunctionsMetadata { get; } = Metadata("FunctionsMetadata");

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} metadata");
}
