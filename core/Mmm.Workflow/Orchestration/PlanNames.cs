using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Mmm.Workflow.Orchestration;

/// <summary>
/// The names a plan request may have (its blob is <c>{dataset}/{run id}/plans/{name}.json</c>): the same characters as a
/// dataset name, shorter, so the request, its plan's id and folder stay readable.
/// </summary>
public static partial class PlanNames
{
    public const int MaxLength = 64;

    /// <summary>The rule, as every error message and the docs state it.</summary>
    public const string Rule = "1 to 64 ASCII letters, digits, '-', '_' or '.', starting with a letter, digit or '_' (a trailing .json is dropped)";

    /// <summary>The plan's name without a trailing .json, or false with a message naming the value and the rule.</summary>
    public static bool TryName(string? name, [NotNullWhen(true)] out string? stem, [NotNullWhen(false)] out string? error)
    {
        var candidate = name ?? "";
        if (candidate.EndsWith(PlanInputs.Extension, StringComparison.OrdinalIgnoreCase)) candidate = candidate[..^PlanInputs.Extension.Length];
        if (Allowed().IsMatch(candidate))
        {
            (stem, error) = (candidate, null);
            return true;
        }
        (stem, error) = (null, $"plan name '{name}' is not usable: a plan name is {Rule}");
        return false;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Allowed();
}
