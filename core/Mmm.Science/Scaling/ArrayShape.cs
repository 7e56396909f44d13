namespace Mmm.Science.Scaling;

/// <summary>Argument checks for the flat row-major [B, T(, F)] arrays used throughout scaling.</summary>
internal static class ArrayShape
{
    public static void Check<T>(T[] values, int regions, int weeks, int features, string name)
    {
        if (regions < 0 || weeks < 0 || features < 1)
            throw new ArgumentOutOfRangeException(name, $"Bad shape [{regions}, {weeks}, {features}].");
        if (values.Length != (long)regions * weeks * features)
            throw new ArgumentException($"{name} has {values.Length} values; shape [{regions}, {weeks}, {features}] needs {(long)regions * weeks * features}.", name);
    }

    public static void CheckMask(bool[]? present, int regions, int weeks)
    {
        if (present is not null && present.Length != regions * weeks)
            throw new ArgumentException($"present has {present.Length} cells; [{regions}, {weeks}] needs {regions * weeks}.", nameof(present));
    }

    public static bool IsIncluded(bool[]? present, int cell) => present is null || present[cell];

    /// <summary>Feature <paramref name="k"/> of a [cells*features] array, over the included cells only.</summary>
    public static List<T> IncludedColumn<T>(T[] values, int cells, int features, int k, bool[]? present)
    {
        var column = new List<T>(cells);
        for (int cell = 0; cell < cells; cell++)
            if (IsIncluded(present, cell)) column.Add(values[cell * features + k]);
        return column;
    }
}
