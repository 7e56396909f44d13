using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// The one rule for a dataset name a user gives (the HTTP starter's <c>POST runs?dataset=</c> in both hosts, the file
/// name of <c>mmm run</c>): <see cref="Rule"/>. The input blob is then <c>{dataset}.parquet</c> at the top of the input
/// container: no folders, nothing a URL or a blob name would treat specially. (Blobs dropped into the container
/// directly may have any name; <see cref="InstanceIds"/> cleans it for the instance id.)
/// </summary>
public static partial class DatasetNames
{
    public const int MaxLength = 128;

    /// <summary>The rule, as every error message and the docs state it.</summary>
    public const string Rule = "1 to 128 ASCII letters, digits, '-', '_' or '.', starting with a letter, digit or '_' (a trailing .parquet is dropped)";

    /// <summary>The input blob name for <paramref name="dataset"/>, or false with a message naming the value and the rule.</summary>
    public static bool TryBlobName(string? dataset, [NotNullWhen(true)] out string? blobName, [NotNullWhen(false)] out string? error)
    {
        var stem = dataset ?? "";
        if (stem.EndsWith(RunInputs.PanelExtension, StringComparison.OrdinalIgnoreCase)) stem = stem[..^RunInputs.PanelExtension.Length];
        if (Allowed().IsMatch(stem))
        {
            (blobName, error) = (stem + RunInputs.PanelExtension, null);
            return true;
        }
        (blobName, error) = (null, $"dataset name '{dataset}' is not usable: a dataset name is {Rule}");
        return false;
    }

    /// <summary>The input blob name for <paramref name="dataset"/>; <see cref="InvalidDatasetNameException"/> when it breaks the rule.</summary>
    public static string BlobName(string? dataset) =>
        TryBlobName(dataset, out var blobName, out var error) ? blobName : throw new InvalidDatasetNameException(error);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex Allowed();
}

/// <summary>A dataset name that breaks <see cref="DatasetNames.Rule"/>; the message names the value and the rule.</summary>
public sealed class InvalidDatasetNameException(string message) : ArgumentException(message);
