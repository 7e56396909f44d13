using Mmm.Science.Data;

namespace Mmm.Science.Decisions;

/// <summary>A plan request or saved model that cannot be used: <see cref="Code"/> is one of <see cref="ErrorCodes"/>, <see cref="Field"/>
/// the request key (or model.json field) at fault.</summary>
public sealed class PlanInputException(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;
    public string? Field { get; } = field;
}
