using Mmm.Science.Data;

namespace Mmm.Science.Tests.Data;

/// <summary>Shortcuts for reading test files and capturing the rejection.</summary>
internal static class PanelReading
{
    public const string Source = "test.parquet";

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static async Task<PanelReadResult> ReadAsync(ParquetTestFile file, RunConfig? config = null, PanelLimits? limits = null)
    {
        using var stream = await file.BuildAsync();
        return await PanelReader.ReadAsync(stream, Source, config, limits);
    }

    public static async Task<PanelInputException> RejectAsync(ParquetTestFile file, RunConfig? config = null, PanelLimits? limits = null)
    {
        using var stream = await file.BuildAsync();
        return await RejectAsync(stream, config, limits);
    }

    public static Task<PanelInputException> RejectAsync(Stream stream, RunConfig? config = null, PanelLimits? limits = null) =>
        Assert.ThrowsAsync<PanelInputException>(() => PanelReader.ReadAsync(stream, Source, config, limits));

    public static async Task<PanelReadResult> ReadDataFileAsync(string name)
    {
        await using var stream = File.OpenRead(DataFile(name));
        return await PanelReader.ReadAsync(stream, name);
    }
}
