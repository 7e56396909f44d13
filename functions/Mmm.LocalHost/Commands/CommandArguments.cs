namespace Mmm.LocalHost.Commands;

/// <summary>Positional arguments and <c>--name value</c> options of one command (hand-rolled: a handful of flags).</summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
    public List<string> Positional { get; } = [];

    public CommandArguments(IEnumerable<string> args, params string[] flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (!a.StartsWith("--")) { Positional.Add(a); continue; }
            var name = a[2..];
            if (flags.Contains(name)) { options[name] = "true"; continue; }
            if (!e.MoveNext()) throw new UsageException($"option --{name} needs a value");
            options[name] = e.Current;
        }
    }

    public string? Option(string name) => options.GetValueOrDefault(name);
    public bool Flag(string name) => options.ContainsKey(name);
    public int Int(string name, int fallback) =>
        options.TryGetValue(name, out var v) ? int.TryParse(v, out var i) ? i : throw new UsageException($"--{name} must be an integer") : fallback;
    public void CheckOnly(params string[] known)
    {
        var unknown = options.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null) throw new UsageException($"unknown option --{unknown}");
    }
}

public sealed class UsageException(string message) : Exception(message);
