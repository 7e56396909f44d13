using Microsoft.Extensions.Configuration;
using Mmm.LocalHost.Storage;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Settings;

/// <summary>
/// The local host's configuration, layered the way the Functions host layers it, later layers winning: host.json at
/// the repository root (the JSON provider), the <c>Values</c> of local.settings.json (working directory, else
/// repository root; <see cref="LocalSettingsFile"/>), the environment (the environment-variables provider: app
/// settings, <c>__</c> a section separator), and environment variables named <c>AzureFunctionsJobHost__section__key</c>,
/// which override host.json keys. Bound to <see cref="MmmSettings"/> as the Functions app binds it.
/// </summary>
public static class LocalSettings
{
    /// <param name="environment">The environment layer; by default <see cref="ProcessEnvironment"/> (tests give their own).</param>
    public static MmmSettings Load(string? repositoryRoot = null, string? workingDirectory = null, Action<IConfigurationBuilder>? environment = null)
    {
        var root = repositoryRoot ?? RepositoryRoot.Find();
        var hostJson = Path.Combine(root, "host.json");
        var localSettings = LocalSettingsFile.Find(workingDirectory ?? Directory.GetCurrentDirectory(), root);
        return MmmSettings.From(Build(hostJson, localSettings, environment), hostJson);
    }

    /// <summary>The layered configuration (no defaults applied yet).</summary>
    public static IConfiguration Build(string hostJsonPath, string? localSettingsPath, Action<IConfigurationBuilder>? environment = null)
    {
        var builder = new ConfigurationBuilder().AddJsonFile(hostJsonPath, optional: true);
        if (localSettingsPath is not null) builder.Add(new LocalSettingsFile(localSettingsPath));
        (environment ?? ProcessEnvironment)(builder);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException && !e.Message.Contains(LocalSettingsFile.FileName))
        {
            throw new InvalidDataException($"{hostJsonPath} is not valid JSON: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>The process environment: app settings, then the <c>AzureFunctionsJobHost__</c> overrides of host.json keys.</summary>
    public static void ProcessEnvironment(IConfigurationBuilder builder) =>
        builder.AddEnvironmentVariables().AddEnvironmentVariables(MmmSettings.HostJsonOverridePrefix);
}
