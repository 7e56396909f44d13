using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mmm.LocalHost.Storage;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Support;

/// <summary>One activity execution as a host process logged it.</summary>
public sealed record LoggedActivity(string Name, int TaskId, string InstanceId, string WorkerId, DateTime SeenAt);

/// <summary>
/// A real `mmm serve` process on a test's Azurite, hub and input container, with its management API on a free port.
/// It reads the process's log for the activity lines of the engine's journal (which worker ran which task of which
/// instance), so a test can tell where work ran and whether a task ran twice. <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<LoggedActivity> started = new();
    private readonly ConcurrentQueue<LoggedActivity> finished = new();

    public string WorkerId { get; }
    public HttpClient Http { get; }

    private HostProcess(Process process, string workerId, int port)
    {
        this.process = process;
        WorkerId = workerId;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    /// <param name="visibilityTimeout">How long an activity message stays hidden: what a killed host's activity waits before it runs again.</param>
    public static HostProcess Start(AzuriteFixture azurite, string hub, string inputContainer, string workerId, ITestOutputHelper output,
        TimeSpan? visibilityTimeout = null)
    {
        int port = AzuriteProcess.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "mmm.dll"), "serve", "--url", $"http://127.0.0.1:{port}" },
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = start.Environment;
        environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        environment["TASKHUB_NAME"] = hub;
        environment["MMM_INPUT_CONTAINER"] = inputContainer;
        environment["MMM_WORKER_ID"] = workerId;
        environment["MMM_LOG_LEVEL"] = "Information";
        const string storage = "AzureFunctionsJobHost__extensions__durableTask__storageProvider__";
        environment[storage + "maxQueuePollingInterval"] = "00:00:00.250";
        environment[storage + "workItemQueueVisibilityTimeout"] = (visibilityTimeout ?? TimeSpan.FromSeconds(20)).ToString();
        environment["AzureFunctionsJobHost__mmm__scanIntervalSeconds"] = "0.5";
        var process = Process.Start(start)!;
        var host = new HostProcess(process, workerId, port);
        void Read(string? line)
        {
            if (line is null) return;
            if (ActivityLine().Match(line) is { Success: true } m)
            {
                var activity = new LoggedActivity(m.Groups["name"].Value, int.Parse(m.Groups["task"].Value), m.Groups["instance"].Value,
                    m.Groups["worker"].Value, DateTime.UtcNow);
                (m.Groups["what"].Value == "started" ? host.started : host.finished).Enqueue(activity);
            }
            else if (!line.Contains(" info: ")) output.WriteLine($"{workerId}: {line}");
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public IReadOnlyList<LoggedActivity> Started => started.ToArray();
    public IReadOnlyList<LoggedActivity> Finished => finished.ToArray();

    /// <summary>Activities this process started and has not finished (what a kill interrupts).</summary>
    public IReadOnlyList<LoggedActivity> InFlight() =>
        Started.Where(s => !Finished.Any(f => f.InstanceId == s.InstanceId && f.TaskId == s.TaskId)).ToList();

    public bool HasExited => process.HasExited;

    /// <summary>SIGKILL: no shutdown code runs, leases and invisible messages stay as they are.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>The status route's body, or null while the host is not listening yet (or the id is unknown).</summary>
    public async Task<JsonObject?> StatusAsync(string instanceId, bool history = false)
    {
        try
        {
            var response = await Http.GetAsync($"runtime/webhooks/durabletask/instances/{instanceId}{(history ? "?showHistory=true" : "")}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Polls until the condition holds for the instance, or fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> WaitAsync(string instanceId, Func<JsonObject, bool> condition, string description, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (await StatusAsync(instanceId) is { } status)
            {
                last = status;
                if (condition(status)) return status;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{instanceId} did not reach {description} within {timeout}; last status {last?.ToJsonString()}");
    }

    public static bool IsFinished(JsonObject status) => (string?)status["runtimeStatus"] is "Completed" or "Failed" or "Terminated";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    [GeneratedRegex(@"Activity (?<name>\w+) task (?<task>\d+) of (?<instance>\S+) (?<what>started|finished) on worker (?<worker>\S+)")]
    private static partial Regex ActivityLine();
}
