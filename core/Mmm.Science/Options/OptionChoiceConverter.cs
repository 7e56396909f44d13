using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mmm.Science.Options;

/// <summary>
/// Reads and writes an option choice as its run-config string (<see cref="JsonStringEnumMemberNameAttribute"/>): exact,
/// case-sensitive spellings only, no numbers, so the accepted values are the ones the run config always accepted.
/// </summary>
public sealed class OptionChoiceConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && OptionChoice.TryParse<T>(reader.GetString(), out var value)
            ? value
            : throw new JsonException($"not one of {string.Join(", ", OptionChoice.Names<T>())}");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(OptionChoice.Name(value));
}

/// <summary>The run-config strings of the option choices.</summary>
public static class OptionChoice
{
    /// <summary>The run-config string of <paramref name="value"/> (e.g. "shareOfVoice").</summary>
    public static string Name<T>(T value) where T : struct, Enum => Spellings<T>.ByValue[value];

    /// <summary>Every allowed string, in declaration order.</summary>
    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => Spellings<T>.InOrder;

    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        value = default;
        return name is not null && Spellings<T>.ByName.TryGetValue(name, out value);
    }

    private static class Spellings<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder;
        public static readonly Dictionary<T, string> ByValue = [];
        public static readonly Dictionary<string, T> ByName = new(StringComparer.Ordinal);

        static Spellings()
        {
            var names = new List<string>();
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                           ?? throw new InvalidOperationException($"{typeof(T).Name}.{field.Name} has no run-config name");
                var value = (T)field.GetValue(null)!;
                names.Add(name);
                ByValue[value] = name;
                ByName[name] = value;
            }
            InOrder = names;
        }
    }
}
