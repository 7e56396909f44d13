using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Mmm.LocalHost.Storage;
using Mmm.LocalHost.Tests.Support;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.EndToEnd;

/// <summary>
/// Kills the real host process (`mmm serve`, SIGKILL) in the middle of training and starts it again: the
/// run completes, and its history shows every activity ran once except, at most, the one in flight.
/// </summary>
public class CrashRecoveryEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    /// <summary>Enough blocks (40 of 10 epochs) to be killed in the middle of training.</summary>
    private const string LongConfig = """{"hidden": 32, "epochs": 400, "warmStartEpochs": 2, "notearsWarmupEpochs": 100, "notearsDualUpdateEvery": 10, "device": "cpu", "earlyStopping": false}""";

    private Process StartHost(int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "mmm.dll"), "serve", "--url", $"http://127.0.0.1:{port}" },
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["TASKHUB_NAME"] = "crash";
        start.Environment["MMM_LOG_LEVEL"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("host: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("host! " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<JsonObject?> StatusAsync(HttpClient http, string id, bool history = false)
    {
        try
        {
            var response = await http.GetAsync($"runtime/webhooks/durabletask/instances/{id}{(history ? "?showHistory=true" : "")}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }
        catch (HttpRequestException)
        {
            return null; // the host is not listening (yet)
        }
    }

    [Fact]
    public async Task A_killed_host_resumes_the_run_and_repeats_at_most_the_activity_in_flight()
    {
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var input = blobs.GetBlobContainerClient("mmm-input");
        await input.CreateIfNotExistsAsync();
        var panel = await TestPanels.ParquetAsync(TestPanels.Synthetic(regions: 4, weeks: 80), LongConfig);
        var uploaded = await input.GetBlobClient("crash.parquet").UploadAsync(new BinaryData(panel));
        var id = Workflow.Orchestration.RunInputs.For(input.Uri.ToString(), blobs.GetBlobContainerClient("mmm-output").Uri.ToString(),
            blobs.GetBlobContainerClient("mmm-work").Uri.ToString(), "crash.parquet", uploaded.Value.ETag.ToString()).InstanceId;

        int port = AzuriteProcess.FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var first = StartHost(port);
        int killedAt = 0;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var status = await StatusAsync(http, id);
            killedAt = status?["customStatus"]?["outerIteration"]?.GetValue<int>() ?? 0;
            if (killedAt >= 3) break;
            await Task.Delay(100);
        }
        Assert.True(killedAt >= 3, "training never reached the third outer iteration");
        first.Kill(); // SIGKILL on Linux: no shutdown code runs
        await first.WaitForExitAsync();
        output.WriteLine($"killed the host at outer iteration {killedAt}");

        var second = StartHost(port);
        try
        {
            JsonObject? final = null;
            deadline = DateTime.UtcNow.AddMinutes(5);
            while (DateTime.UtcNow < deadline)
            {
                final = await StatusAsync(http, id);
                if (final?["runtimeStatus"]?.GetValue<string>() is "Completed" or "Failed") break;
                await Task.Delay(250);
            }
            Assert.Equal("Completed", final?["runtimeStatus"]?.GetValue<string>());

            var history = (await StatusAsync(http, id, history: true))!["historyEvents"]!.AsArray().Select(e => e!.AsObject()).ToList();
            var starts = history.Where(e => e["eventType"]?.GetValue<string>() == "ActivityStarted")
                .GroupBy(e => e["taskId"]!.GetValue<int>()).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine("activity starts per task: " + string.Join(", ", starts.Select(s => $"{s.Key}:{s.Value}")));
            Assert.True(starts.Count >= 40, $"expected every training block to run, saw {starts.Count} tasks");
            Assert.True(starts.Values.Count(n => n > 1) <= 1, "more than one activity ran twice");
            Assert.All(starts.Values, n => Assert.InRange(n, 1, 2));
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }
}
