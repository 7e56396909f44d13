using System.Text;
using Mmm.Science.Data;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Storage;

namespace Mmm.Workflow.Activities;

/// <summary>
/// The bytes a run trains on. The first activity reads the input panel on the ETag the run was started for
/// (If-Match) and copies it, with the text of its run config, into the run's work folder; every later activity
/// reads that copy, so a panel overwritten while its run trains reaches only its own, new run. The work folder
/// goes when the run commits or fails.
/// </summary>
public sealed class InputSnapshot(IRunStore store)
{
    public static string PanelUri(RunInput run) => $"{run.WorkPrefix}/input/panel.parquet";
    public static string ConfigUri(RunInput run) => $"{run.WorkPrefix}/input/config.json";

    /// <summary>
    /// Copies the panel and its run config under the work folder, unless an earlier attempt of the activity did;
    /// returns the <see cref="ErrorCodes.InputChanged"/> error when the panel no longer has the run's ETag.
    /// </summary>
    public async Task<RunError?> TakeAsync(RunInput run, CancellationToken ct)
    {
        // The panel is copied last, so its copy means the snapshot is complete.
        if (await store.ExistsAsync(PanelUri(run), ct)) return null;
        await using var panel = await store.ReadIfMatchAsync(run.InputUri, run.InputEtag, ct);
        if (panel is null) return Changed(run);
        if (run.ConfigUri is { } configUri && await store.ReadTextIfExistsAsync(configUri, ct) is { } json)
        {
            using var text = new MemoryStream(Encoding.UTF8.GetBytes(json));
            await store.WriteAsync(ConfigUri(run), text, ct);
        }
        else
        {
            await store.DeleteIfExistsAsync(ConfigUri(run), ct);
        }
        await store.WriteAsync(PanelUri(run), panel, ct);
        return null;
    }

    /// <summary>Reads and validates the snapshot's panel with its run config (or the panel's own).</summary>
    public async Task<PanelReadResult> ReadAsync(RunInput run, CancellationToken ct)
    {
        RunConfig? config = null;
        if (await store.ReadTextIfExistsAsync(ConfigUri(run), ct) is { } json)
            config = RunConfig.Parse(json, run.ConfigUri!.Split('/')[^1]);
        await using var data = await store.ReadAsync(PanelUri(run), ct);
        return await PanelReader.ReadAsync(data, FileName(run), config, ct: ct);
    }

    private static string FileName(RunInput run) => Uri.UnescapeDataString(run.InputUri.Split('/')[^1]);

    private static RunError Changed(RunInput run) => new(ErrorCodes.InputChanged,
        $"{FileName(run)} changed after its run started: the run is for the version with ETag {run.InputEtag}, and the blob " +
        $"{run.InputUri} now has another version or is gone. A new version is a run of its own.",
        new Dictionary<string, string?> { ["file"] = FileName(run), ["blob"] = run.InputUri, ["etag"] = run.InputEtag });
}
