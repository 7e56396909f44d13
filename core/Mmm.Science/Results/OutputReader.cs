namespace Mmm.Science.Results;

/// <summary>Reads an output folder (or single output files) back into the row records.</summary>
public static class OutputReader
{
    /// <summary>Reads a completed output folder; throws when _SUCCESS is missing.</summary>
    public static async Task<FitOutputs> ReadAsync(string directory, CancellationToken ct = default)
    {
        if (!File.Exists(Path.Combine(directory, OutputWriter.SuccessFile)))
            throw new InvalidDataException($"'{directory}' has no {OutputWriter.SuccessFile}: the run did not complete");
        return new FitOutputs(
            await ReadDecompositionAsync(Path.Combine(directory, OutputTables.DecompositionFile), ct),
            await ReadFitAsync(Path.Combine(directory, OutputTables.FitFile), ct),
            await ReadAdjacencyAsync(Path.Combine(directory, OutputTables.AdjacencyFile), ct),
            await ReadHistoryAsync(Path.Combine(directory, OutputTables.HistoryFile), ct),
            await ReadSummaryAsync(Path.Combine(directory, OutputWriter.SummaryFile), ct),
            await ReadChannelsAsync(Path.Combine(directory, OutputTables.ChannelsFile), ct));
    }

    public static async Task<IReadOnlyList<DecompositionRow>> ReadDecompositionAsync(string path, CancellationToken ct = default) =>
        await OutputTables.Decomposition.ReadAsync(path, ct);

    public static async Task<IReadOnlyList<FitRow>> ReadFitAsync(string path, CancellationToken ct = default) =>
        await OutputTables.Fit.ReadAsync(path, ct);

    public static async Task<IReadOnlyList<AdjacencyRow>> ReadAdjacencyAsync(string path, CancellationToken ct = default) =>
        await OutputTables.Adjacency.ReadAsync(path, ct);

    public static async Task<IReadOnlyList<HistoryRow>> ReadHistoryAsync(string path, CancellationToken ct = default) =>
        await OutputTables.History.ReadAsync(path, ct);

    public static async Task<IReadOnlyList<ChannelRow>> ReadChannelsAsync(string path, CancellationToken ct = default) =>
        await OutputTables.Channels.ReadAsync(path, ct);

    public static async Task<RunSummary> ReadSummaryAsync(string path, CancellationToken ct = default) =>
        SummaryJson.Deserialize(await File.ReadAllTextAsync(path, ct));

    public static async Task<ErrorReport> ReadErrorAsync(string path, CancellationToken ct = default) =>
        System.Text.Json.JsonSerializer.Deserialize<ErrorReport>(await File.ReadAllTextAsync(path, ct), SummaryJson.Options)
        ?? throw new InvalidDataException($"{path} is null");
}
