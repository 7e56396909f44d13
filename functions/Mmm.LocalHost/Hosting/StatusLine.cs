using System.Text.Json;
using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.LocalHost.Hosting;

/// <summary>A self-overwriting console line showing an orchestration's customStatus (phase, outer iteration, epoch, h, ETA).</summary>
public sealed class StatusLine
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly bool interactive = !Console.IsErrorRedirected;
    private string last = "";

    public void Show(InstanceState state)
    {
        var status = state.CustomStatus?.Deserialize<RunStatus>(Json);
        var text = status is null
            ? $"{state.RuntimeStatus}"
            : $"{state.RuntimeStatus} {status.Phase,-12} outer {status.OuterIteration}/{status.MaxOuterIterations}  epoch {status.Epoch}  " +
              $"loss {Fmt(status.Loss, "F4")}  h {Fmt(status.H, "E2")}  rho {Fmt(status.Rho, "G3")}  {status.Percent,5:F1}%  ETA {Fmt(status.EtaSeconds, "F0")} s";
        if (text == last) return;
        last = text;
        if (interactive) Console.Error.Write("\r" + text.PadRight(110));
        else Console.Error.WriteLine(text);
    }

    public void Finish()
    {
        if (interactive) Console.Error.WriteLine();
    }

    private static string Fmt(double? value, string format) => value?.ToString(format) ?? "-";
}
