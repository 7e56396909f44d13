namespace Mmm.Science.Data;

/// <summary>
/// Wraps calls into Parquet.Net: whatever it throws on a truncated, corrupt or foreign file becomes one
/// not_parquet error naming the file, so no raw library exception reaches users.
/// </summary>
internal static class ParquetGuard
{
    public static async Task<T> RunAsync<T>(string source, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is not (PanelInputException or OperationCanceledException))
        {
            throw NotParquet(source);
        }
    }

    public static T Run<T>(string source, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (PanelInputException or OperationCanceledException))
        {
            throw NotParquet(source);
        }
    }

    public static PanelInputException NotParquet(string source) =>
        new(ErrorCodes.NotParquet, source, "not a readable Parquet file (it is another format, truncated or corrupt)");
}
