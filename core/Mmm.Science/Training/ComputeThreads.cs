using System.Collections.Concurrent;

namespace Mmm.Science.Training;

/// <summary>
/// Long-lived threads that run LibTorch work for hosts whose callers hop between thread-pool threads (a
/// durable activity runs on whichever thread is free). LibTorch parallelises its CPU kernels with OpenMP,
/// whose thread team belongs to the OS thread that calls in. Measured on the demo panel with two torch
/// threads (docs/pipeline.md, "Numbers"): 16 training blocks alternating between two thread-pool threads took
/// 62-80 s, the same blocks on one thread throughout 24-30 s. So each activity's torch work is queued here
/// and runs on one of <c>count</c> dedicated threads: one per activity the host runs at once, which with
/// one (host.json's default) means every block of a run on the same thread.
/// </summary>
public sealed class ComputeThreads : IDisposable
{
    private readonly BlockingCollection<Action> queue = new();
    private readonly Thread[] threads;
    private volatile bool disposed;

    /// <summary>One thread for the whole process: for callers that do not bring their own.</summary>
    public static ComputeThreads Shared { get; } = new(1, "mmm-compute-shared");

    public ComputeThreads(int count, string name = "mmm-compute")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        threads = Enumerable.Range(0, count).Select(i => new Thread(Work) { IsBackground = true, Name = $"{name}-{i}" }).ToArray();
        foreach (var thread in threads) thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on one of the threads; a cancellation seen before it starts skips it.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ct.ThrowIfCancellationRequested();
        // Continuations must not run on a compute thread, or the caller's next await would hold it.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add(() =>
        {
            if (ct.IsCancellationRequested) { done.TrySetCanceled(ct); return; }
            try { done.TrySetResult(work()); }
            catch (OperationCanceledException e) when (e.CancellationToken == ct) { done.TrySetCanceled(ct); }
            catch (Exception e) { done.TrySetException(e); }
        }, ct);
        return done.Task;
    }

    private void Work()
    {
        foreach (var item in queue.GetConsumingEnumerable()) item();
    }

    /// <summary>Lets queued work finish, then stops the threads.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        queue.CompleteAdding();
        foreach (var thread in threads) thread.Join();
        queue.Dispose();
    }
}
