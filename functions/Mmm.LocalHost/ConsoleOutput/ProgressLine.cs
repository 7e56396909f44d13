using System.Diagnostics;
using Mmm.Science.Training;

namespace Mmm.LocalHost.ConsoleOutput;

/// <summary>One self-overwriting progress line on stderr (epoch, loss, h, duals, ETA); plain lines when redirected.</summary>
public sealed class ProgressLine(int totalEpochs, int maxOuterIterations)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !System.Console.IsErrorRedirected;
    private TimeSpan? lastPrint;
    private int startEpoch = -1;

    public void Report(EpochProgress p)
    {
        if (startEpoch < 0) startEpoch = p.Epoch - 1;
        var every = interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10);
        bool last = p.Epoch >= totalEpochs;
        if (!last && lastPrint is { } previous && clock.Elapsed - previous < every) return;
        lastPrint = clock.Elapsed;
        double perEpoch = clock.Elapsed.TotalSeconds / Math.Max(1, p.Epoch - startEpoch);
        var eta = TimeSpan.FromSeconds(perEpoch * Math.Max(0, totalEpochs - p.Epoch));
        var text = $"outer {p.OuterIteration}/{maxOuterIterations}  epoch {p.Epoch}/{totalEpochs}  loss {p.Loss:F5}  h {(double.IsNaN(p.H) ? "-" : p.H.ToString("E2"))}  " +
                   $"rho {p.Rho:G3}  alpha {p.Alpha:G3}  {perEpoch:F3} s/epoch  ETA {eta:hh\\:mm\\:ss}";
        if (interactive) System.Console.Error.Write("\r" + text.PadRight(120));
        else System.Console.Error.WriteLine(text);
        if (last && interactive) System.Console.Error.WriteLine();
    }
}
