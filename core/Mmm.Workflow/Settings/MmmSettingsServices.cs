using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mmm.Workflow.Settings;

/// <summary>How both hosts get their <see cref="MmmSettings"/>: bound once from the configuration, checked at start.</summary>
public static class MmmSettingsServices
{
    /// <summary>
    /// <c>AddOptions&lt;MmmSettings&gt;().Bind(configuration).ValidateOnStart()</c> with <see cref="MmmSettingsValidator"/>, and
    /// <see cref="MmmSettings"/> itself as a singleton (the bound, validated value).
    /// </summary>
    public static OptionsBuilder<MmmSettings> AddMmmSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<MmmSettings>, MmmSettingsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MmmSettings>>().Value);
        return services.AddOptions<MmmSettings>()
            .Bind(configuration)
            .PostConfigure(settings => settings.Normalize(configuration))
            .ValidateOnStart();
    }

    /// <summary>The settings through <see cref="AddMmmSettings"/>, validated as a host's start validates them; errors as <see cref="InvalidDataException"/>.</summary>
    internal static MmmSettings Resolve(IConfiguration configuration, string source)
    {
        var services = new ServiceCollection();
        services.AddMmmSettings(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider.GetRequiredService<MmmSettings>();
        }
        catch (OptionsValidationException e)
        {
            throw new InvalidDataException($"{source}: {string.Join("; ", e.Failures)}", e);
        }
        catch (InvalidOperationException e) // the binder: a value that does not convert, naming its key
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }
}

/// <summary>The rules of <see cref="MmmSettings"/>; each failure names the configuration key, the rule and the value.</summary>
public sealed class MmmSettingsValidator : IValidateOptions<MmmSettings>
{
    public ValidateOptionsResult Validate(string? name, MmmSettings s)
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok) failures.Add($"{key} {rule}");
        }
        Require(s.HubName.Length is >= 3 and <= 45 && char.IsAsciiLetter(s.HubName[0]) && s.HubName.All(char.IsAsciiLetterOrDigit),
            "extensions.durableTask.hubName", $"must be 3-45 ASCII letters or digits starting with a letter, not '{s.HubName}'");
        Require(s.PartitionCount is >= 1 and <= 16, "extensions.durableTask.storageProvider.partitionCount", $"must be between 1 and 16, not {s.PartitionCount}");
        Require(s.ControlQueueVisibilityTimeout > TimeSpan.Zero, "extensions.durableTask.storageProvider.controlQueueVisibilityTimeout", "must be positive");
        Require(s.WorkItemQueueVisibilityTimeout > TimeSpan.Zero, "extensions.durableTask.storageProvider.workItemQueueVisibilityTimeout", "must be positive");
        Require(s.MaxQueuePollingInterval > TimeSpan.Zero, "extensions.durableTask.storageProvider.maxQueuePollingInterval", "must be positive");
        Require(s.MaxConcurrentActivityFunctions >= 1, "extensions.durableTask.maxConcurrentActivityFunctions", $"must be at least 1, not {s.MaxConcurrentActivityFunctions}");
        Require(s.MaxConcurrentOrchestratorFunctions >= 1, "extensions.durableTask.maxConcurrentOrchestratorFunctions", $"must be at least 1, not {s.MaxConcurrentOrchestratorFunctions}");
        Require(s.PoisonBlobThreshold >= 1, "extensions.blobs.poisonBlobThreshold", $"must be at least 1, not {s.PoisonBlobThreshold}");
        Require(s.ScanIntervalSeconds > 0 && double.IsFinite(s.ScanIntervalSeconds), "mmm.scanIntervalSeconds", $"must be positive, not {s.ScanIntervalSeconds}");
        Require(s.TrainingDevice is "auto" or "cpu" or "cuda", "mmm.training.device", $"must be auto, cpu or cuda, not '{s.TrainingDevice}'");
        foreach (var (key, container) in new[]
                 {
                     (MmmSettings.InputContainerSetting, s.InputContainer), (MmmSettings.OutputContainerSetting, s.OutputContainer),
                     (MmmSettings.WorkContainerSetting, s.WorkContainer),
                 })
            Require(container.Length is >= 3 and <= 63 && container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'),
                key, $"must be a blob container name (3-63 lower-case letters, digits or '-'), not '{container}'");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
