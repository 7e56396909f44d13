namespace Mmm.LocalHost.Durable;

/// <summary>
/// A task hub name and the storage names derived from it. The name prefixes tables and a blob container,
/// so it must satisfy both: letters and digits only, starting with a letter, 3 to 45 characters.
/// </summary>
public sealed record TaskHubName
{
    public string Value { get; }

    public TaskHubName(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length is < 3 or > 45 || !char.IsAsciiLetter(value[0]) || !value.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"Task hub name '{value}' must be 3-45 ASCII letters or digits, starting with a letter.", nameof(value));
        Value = value;
    }

    /// <summary>Table of instance rows (status, input, output, custom status, times).</summary>
    public string InstancesTable => Value + "Instances";

    /// <summary>Table of history rows, one per event.</summary>
    public string HistoryTable => Value + "History";

    /// <summary>Blob container for gzipped payloads too large for a table property (container names are lower case).</summary>
    public string LargeMessagesContainer => Value.ToLowerInvariant() + "-largemessages";

    public override string ToString() => Value;
}
