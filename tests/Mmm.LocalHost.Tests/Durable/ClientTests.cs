using Mmm.LocalHost.Tests.Support;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Mmm.LocalHost.Durable;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Durable;

/// <summary>The client side: listing with filters and paging, terminate, purge, and payloads offloaded to blobs.</summary>
public sealed class ClientTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    public sealed record Big(string Name, IReadOnlyList<string> Lines);

    private static void EchoWorkflow(DurableExecutor executor) => executor
        .RegisterOrchestrator("Echo", async ctx => await ctx.CallActivityAsync<string>("Echo", ctx.GetInput<string>()))
        .RegisterActivity<string, string>("Echo", (input, _) => Task.FromResult(input));

    [Fact]
    public async Task List_filters_by_prefix_and_status_and_pages_with_a_continuation_token()
    {
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), EchoWorkflow, output);
        var client = executor.Client;
        foreach (var id in new[] { "run-a", "run-b", "run-c", "run-d", "run-e", "other-1" })
        {
            await client.StartAsync("Echo", id, id);
            await Wait.ForStatusAsync(client, id, RuntimeStatus.Completed);
        }

        var ids = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await client.ListAsync(new InstanceQuery(InstanceIdPrefix: "run-", PageSize: 2, ContinuationToken: token));
            Assert.True(page.Instances.Count <= 2);
            ids.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        } while (token is not null && pages < 10);

        Assert.Equal(["run-a", "run-b", "run-c", "run-d", "run-e"], ids);
        Assert.True(pages >= 3, $"expected at least 3 pages, got {pages}");

        var completed = await client.ListAsync(new InstanceQuery(Statuses: [RuntimeStatus.Completed], ShowInput: false));
        Assert.Equal(6, completed.Instances.Count);
        Assert.All(completed.Instances, i => Assert.Null(i.Input));
        Assert.Empty((await client.ListAsync(new InstanceQuery(Statuses: [RuntimeStatus.Running, RuntimeStatus.Failed]))).Instances);
        Assert.Empty((await client.ListAsync(new InstanceQuery(CreatedFrom: DateTime.UtcNow.AddMinutes(1)))).Instances);
        Assert.Equal(6, (await client.ListAsync(new InstanceQuery(CreatedFrom: DateTime.UtcNow.AddMinutes(-5), CreatedTo: DateTime.UtcNow.AddMinutes(1))))
            .Instances.Count);
    }

    [Fact]
    public async Task Terminating_a_running_instance_cancels_its_activity_and_a_finished_one_is_already_finished()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), e => e
            .RegisterOrchestrator("Long", async ctx => await ctx.CallActivityAsync<int>("Forever", 0))
            .RegisterActivity<int, int>("Forever", async (_, ct) =>
            {
                started.SetResult();
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { cancelled.SetResult(); throw; }
                return 0;
            }), output);
        var client = executor.Client;

        await client.StartAsync("Long", "long-1", null);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TerminateOutcome.Terminated, await client.TerminateAsync("long-1", "no longer needed"));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var state = await client.GetAsync("long-1", showHistory: true);
        Assert.Equal(RuntimeStatus.Terminated, state!.RuntimeStatus);
        Assert.Equal("no longer needed", state.Output!.GetValue<string>());
        Assert.Equal("ExecutionTerminated", state.HistoryEvents![^1]["eventType"]!.GetValue<string>());
        await Task.Delay(100); // nothing more may be written after the termination
        Assert.Equal(state.HistoryEvents.Count, (await client.GetAsync("long-1", showHistory: true))!.HistoryEvents!.Count);

        Assert.Equal(TerminateOutcome.AlreadyFinished, await client.TerminateAsync("long-1", "again"));
        Assert.Equal(TerminateOutcome.NotFound, await client.TerminateAsync("no-such-instance", null));
    }

    [Fact]
    public async Task Terminating_a_completed_instance_is_already_finished()
    {
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), EchoWorkflow, output);
        await executor.Client.StartAsync("Echo", "echo-done", "x");
        await Wait.ForStatusAsync(executor.Client, "echo-done", RuntimeStatus.Completed);

        Assert.Equal(TerminateOutcome.AlreadyFinished, await executor.Client.TerminateAsync("echo-done", null));
        Assert.Equal(RuntimeStatus.Completed, (await executor.Client.GetAsync("echo-done"))!.RuntimeStatus);
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance_its_history_and_blobs_but_not_a_running_one()
    {
        var hub = AzuriteFixture.NewHub();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var executor = await azurite.StartExecutorAsync(hub, e => e
            .RegisterOrchestrator("Echo", async ctx => await ctx.CallActivityAsync<string>("Echo", ctx.GetInput<string>()))
            .RegisterActivity<string, string>("Echo", (input, ct) => input == "wait" ? gate.Task.WaitAsync(ct) : Task.FromResult(input)), output);
        var client = executor.Client;
        var large = new string('z', 50_000);

        await client.StartAsync("Echo", "purge-me", large);
        await Wait.ForStatusAsync(client, "purge-me", RuntimeStatus.Completed);
        await client.StartAsync("Echo", "keep-me", "wait");
        await Wait.ForStatusAsync(client, "keep-me", RuntimeStatus.Running);

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(executor.TaskHub.LargeMessagesContainer);
        Assert.NotEmpty(await BlobNames(container, "purge-me/"));

        Assert.False(await client.PurgeAsync("keep-me"));
        Assert.True(await client.PurgeAsync("purge-me"));
        Assert.False(await client.PurgeAsync("purge-me"));
        Assert.Null(await client.GetAsync("purge-me"));
        var history = new TableServiceClient(azurite.ConnectionString).GetTableClient(executor.TaskHub.HistoryTable);
        Assert.Empty(await history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"purge-me"}")).ToListAsync());
        Assert.NotEmpty(await history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"keep-me"}")).ToListAsync());
        Assert.Empty(await BlobNames(container, "purge-me/"));
        gate.SetResult("done");
        await Wait.ForStatusAsync(client, "keep-me", RuntimeStatus.Completed);
    }

    [Fact]
    public async Task A_large_payload_goes_to_a_gzipped_blob_and_reads_back_whole()
    {
        await using var executor = await azurite.StartExecutorAsync(AzuriteFixture.NewHub(), e => e
            .RegisterOrchestrator("Big", async ctx =>
            {
                var input = ctx.GetInput<Big>()!;
                var echoed = await ctx.CallActivityAsync<Big>("BigEcho", input);
                ctx.SetCustomStatus(new { lines = echoed.Lines.Count });
                return echoed with { Name = echoed.Name + "!" };
            })
            .RegisterActivity<Big, Big>("BigEcho", (input, _) => Task.FromResult(input with { Lines = [.. input.Lines, "tail"] })), output);
        var lines = Enumerable.Range(0, 4000).Select(i => $"line {i} {Guid.NewGuid()}").ToList(); // ~180 KB of JSON

        await executor.Client.StartAsync("Big", "big-1", new Big("big", lines));
        var state = await Wait.ForFinishedAsync(executor.Client, "big-1");

        Assert.Equal(RuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(lines, state.Input!["lines"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([.. lines, "tail"], state.Output!["lines"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("big!", state.Output!["name"]!.GetValue<string>());

        var row = await new TableServiceClient(azurite.ConnectionString).GetTableClient(executor.TaskHub.InstancesTable)
            .GetEntityAsync<TableEntity>("big-1", "");
        Assert.Null(row.Value.GetString("Input"));
        Assert.StartsWith("big-1/", row.Value.GetString("InputBlob"));
        Assert.NotNull(row.Value.GetString("OutputBlob"));
        var history = (await executor.Client.GetAsync("big-1", showHistory: true, showHistoryOutput: true))!.HistoryEvents!;
        var completed = history.Single(e => e["eventType"]!.GetValue<string>() == "TaskCompleted");
        Assert.Equal(lines.Count + 1, completed["result"]!["lines"]!.AsArray().Count);
    }

    private static async Task<List<string>> BlobNames(BlobContainerClient container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
            names.Add(blob.Name);
        return names;
    }
}
