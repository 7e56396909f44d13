namespace Mmm.LocalHost.Watcher;

/// <summary>What one container scan did.</summary>
/// <param name="Started">Blob versions whose orchestration this scan started (new instances).</param>
/// <param name="AlreadyRunning">Blob versions without a receipt whose instance already existed (receipt written now).</param>
/// <param name="Failed">Starts that failed and will be retried on a later scan.</param>
/// <param name="Poisoned">Blob versions sent to the poison queue by this scan.</param>
public sealed record ScanResult(int Started, int AlreadyRunning, int Failed, int Poisoned)
{
    public static readonly ScanResult Empty = new(0, 0, 0, 0);
}
