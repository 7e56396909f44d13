namespace Mmm.Science.Data;

/// <summary>
/// Enforces <see cref="PanelLimits.MaxBytes"/> and gives Parquet.Net the seekable stream it needs: a
/// seekable input is used as is, any other is copied into memory, stopping as soon as it is too large.
/// </summary>
internal static class SizeLimitedInput
{
    public static async Task<Stream> OpenAsync(Stream input, string source, PanelLimits limits, CancellationToken ct)
    {
        if (input.CanSeek)
        {
            if (input.Length - input.Position > limits.MaxBytes) throw TooLarge(source, limits);
            return input;
        }

        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > limits.MaxBytes)
            {
                await copy.DisposeAsync();
                throw TooLarge(source, limits);
            }
            copy.Write(buffer, 0, read);
        }
        copy.Position = 0;
        return copy;
    }

    private static PanelInputException TooLarge(string source, PanelLimits limits) =>
        new(ErrorCodes.TooLarge, source, $"the file is larger than the limit of {limits.MaxBytes} bytes");
}
