using Mmm.Science.Training;

namespace Mmm.Science.Tests.Training;

public class ComputeThreadsTests
{
    [Fact]
    public async Task With_one_thread_every_item_runs_on_the_same_dedicated_thread_whatever_thread_queues_it()
    {
        using var compute = new ComputeThreads(1, "test-compute");
        var seen = new List<(int Thread, string? Name, bool Pool)>();
        for (int i = 0; i < 6; i++)
        {
            // Queued from thread-pool threads, as durable activities are.
            var ran = await Task.Run(() => compute.RunAsync(() =>
                (Environment.CurrentManagedThreadId, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread)));
            seen.Add(ran);
        }

        Assert.Single(seen.Distinct());
        Assert.Equal("test-compute-0", seen[0].Name);
        Assert.False(seen[0].Pool);
    }

    [Fact]
    public async Task Results_and_exceptions_come_back_to_the_caller_and_the_caller_does_not_continue_on_the_compute_thread()
    {
        using var compute = new ComputeThreads(1);
        Assert.Equal(42, await compute.RunAsync(() => 6 * 7));

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => compute.RunAsync<int>(() => throw new InvalidDataException("bad checkpoint")));
        Assert.Equal("bad checkpoint", e.Message);

        await compute.RunAsync(() => 0);
        Assert.DoesNotContain("mmm-compute", Thread.CurrentThread.Name ?? "");
        Assert.Equal(1, await compute.RunAsync(() => 1));
    }

    [Fact]
    public async Task Work_cancelled_before_it_starts_does_not_run()
    {
        using var compute = new ComputeThreads(1);
        using var release = new ManualResetEventSlim();
        var blocker = compute.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource();
        bool ran = false;
        var queued = compute.RunAsync(() => ran = true, cancel.Token);

        cancel.Cancel();
        release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.True(await blocker);
        Assert.False(ran);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => compute.RunAsync(() => 1, cancel.Token));
    }

    [Fact]
    public async Task Several_threads_run_work_at_once_and_dispose_lets_queued_work_finish()
    {
        var compute = new ComputeThreads(2);
        using var bothRunning = new CountdownEvent(2);
        Task<bool> Meet() => compute.RunAsync(() => { bothRunning.Signal(); return bothRunning.Wait(TimeSpan.FromSeconds(30)); });
        var (a, b) = (Meet(), Meet());
        var last = compute.RunAsync(() => "drained");

        compute.Dispose();

        Assert.True(await a && await b);
        Assert.Equal("drained", await last);
        Assert.Throws<ObjectDisposedException>(() => { _ = compute.RunAsync(() => 0); });
    }

    [Fact]
    public void A_pool_needs_at_least_one_thread() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeThreads(0));
}
