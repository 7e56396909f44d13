using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mmm.Science.Data;
using Mmm.Science.Model;
using Mmm.Science.Options;
using Mmm.Science.Results;
using Mmm.Science.Scaling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// A model being trained on one panel. Its unit of work is a block of epochs at fixed NOTEARS duals
/// (<see cref="TrainBlock"/>); between blocks its whole state (weights, AdamW moments, dropout RNG,
/// counters, best weights, scaler, options) goes to a checkpoint stream and comes back bit for bit,
/// so 2 x 100 epochs through a checkpoint equal 200 in one go.
/// </summary>
public sealed partial class TrainingSession : IDisposable
{
    private readonly ILogger logger;
    public MmmOptions Options { get; }
    public Panel Panel { get; }
    public PanelScaler Scaler { get; }
    public PanelSplit Split { get; }
    public Device Device { get; }
    public MmmNetwork Network { get; }
    /// <summary>The architecture's family: everything that differs between the reference network and the modulated and structural ones.</summary>
    internal IFamilyModel Model { get; }
    internal TrainingTensors Data { get; }
    internal AdamW Optimizer { get; }
    internal Generator DropoutRng { get; }
    private readonly IReadOnlyList<(string Name, Parameter Parameter)> parameters;
    private readonly List<Parameter> coefficientGroup, otherGroup;

    /// <summary>Main-loop epochs done (warm start excluded).</summary>
    public int Epoch { get; private set; }
    public bool WarmStartDone { get; private set; }
    /// <summary>What the pre-fit's restarts found (null before the warm start or for the reference architecture).</summary>
    public PrefitRestarts? Restarts => Model.Restarts;
    /// <summary>h(W) at the last evaluation (NaN before the first).</summary>
    public double LastH { get; private set; } = double.NaN;
    /// <summary>The duals of the last block trained (for the acyclicity report).</summary>
    public NotearsState LastDuals { get; private set; }
    internal EarlyStopping Stopping { get; }

    private TrainingSession(Panel panel, MmmOptions options, PanelScaler scaler, Device device, ILogger? logger)
    {
        NativeHeap.KeepFreedMemory();
        this.logger = logger ?? NullLogger.Instance;
        Panel = panel;
        Options = options;
        Scaler = scaler;
        Device = device;
        Split = PanelSplit.For(panel.PeriodCount, options);
        torch.manual_seed(options.Seed);
        DropoutRng = new Generator((ulong)options.Seed);
        var family = ModelFamilies.For(options);
        Model = family.CreateModel(new FamilyContext(panel, scaler, Split, options, device, this.logger));
        Network = Model.Network;
        Network.to(device);
        Data = TrainingTensors.Build(panel, scaler, options, Split, device, family);
        parameters = Network.named_parameters().ToList();
        var groups = GradientClipping.Groups(Network);
        (coefficientGroup, otherGroup) = (groups.Coefficients, groups.Others);
        Optimizer = new AdamW(parameters.Select(p => p.Parameter).ToList(), options.LearningRate, options.Beta1, options.Beta2,
            1e-8, options.WeightDecay);
        LastDuals = NotearsState.Initial(options.NotearsRhoInit, options.NotearsAlphaInit);
        Stopping = new EarlyStopping(options);
    }

    /// <summary>Fits the scaler on the training weeks, builds the model (seeded) and initialises it from data.</summary>
    public static TrainingSession Start(Panel panel, MmmOptions options, ILogger? logger = null)
    {
        var split = PanelSplit.For(panel.PeriodCount, options);
        var scaler = PanelScaler.Fit(panel, split.TrainEnd, options);
        var session = new TrainingSession(panel, options, scaler, DeviceChoice.Resolve(options.Device), logger);
        session.InitialiseFromData();
        return session;
    }

    /// <summary>Initial values from the data (the reference architecture, docs/model.md §4; the others start from their structural pre-fit in <see cref="WarmStart"/>).</summary>
    private void InitialiseFromData()
    {
        Model.InitialiseFromData(Data);
        logger.LogInformation("Initialised {Regions} regions x {Periods} periods, {Channels} channels, {Controls} controls on {Device}",
            Panel.RegionCount, Panel.PeriodCount, Panel.ChannelCount, Panel.ControlCount, Device);
    }

    /// <summary>
    /// Warm start. Reference architecture (docs/model.md §6): a separate AdamW at a small learning rate, MSE fit,
    /// no priors. Modulated and structural: the structural pre-fit (<see cref="StructuralPrefit"/>).
    /// </summary>
    public double WarmStart()
    {
        if (WarmStartDone) return 0;
        double last = Model.WarmStart(Data, DropoutRng);
        WarmStartDone = true;
        return last;
    }

    /// <summary>Trains one block of epochs at the block's fixed duals.</summary>
    public BlockReport TrainBlock(TrainingBlock block, Action<EpochProgress>? progress = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Model.BeginBlock();
        LastDuals = block.Duals;
        Stopping.EnterPhase(phaseActive: Options.DagMode == DagMode.Triangular || block.Duals.Active);
        var history = new List<HistoryRow>();
        double loss = 0, fit = 0, dag = 0;
        Evaluation? evaluation = null;
        bool stopped = false;
        int run = 0;
        for (int i = 0; i < block.Epochs && !stopped; i++)
        {
            using (var scope = NewDisposeScope())
            {
                Optimizer.ZeroGrad();
                var terms = Model.TrainingLoss(Data, DropoutRng, block.Duals);
                terms.Total.backward();
                GradientClipping.ClipGroup(coefficientGroup, Options.CoeffGradClip);
                GradientClipping.ClipGroup(otherGroup, Options.GradientClipNorm);
                Optimizer.Apply();
                (loss, fit, dag) = (terms.Total.item<float>(), terms.Fit.item<float>(), terms.Dag.item<float>());
                LossGuard.Check(terms, Epoch + 1, LossGuard.Training);
            }
            Epoch++;
            run++;
            bool last = i == block.Epochs - 1;
            bool logNow = last || Epoch % Math.Max(1, Options.LogEvery) == 0;
            bool evalNow = Stopping.Enabled && Epoch % Math.Max(1, Options.EvalEvery) == 0;
            if (logNow || evalNow)
            {
                evaluation = Evaluate();
                if (evalNow) stopped = Stopping.Observe(Epoch, evaluation.StoppingScore, evaluation.H, Network);
                if (logNow || stopped)
                    history.Add(new HistoryRow(block.OuterIteration, Epoch, loss, fit, dag, evaluation.H, block.Duals.Rho,
                        block.Duals.Alpha, evaluation.TrainR2, evaluation.HoldoutR2, clock.ElapsedMilliseconds));
            }
            progress?.Invoke(new EpochProgress(block.OuterIteration, Epoch, i + 1, block.Epochs, loss, evaluation?.H ?? LastH,
                block.Duals.Rho, block.Duals.Alpha));
        }
        evaluation ??= Evaluate();
        logger.LogInformation("Outer iteration {Outer}: {Epochs} epochs to {Epoch}, loss {Loss:F5}, h {H:E3}, train R2 {TrainR2:F3}, holdout R2 {HoldoutR2}",
            block.OuterIteration, run, Epoch, loss, evaluation.H, evaluation.TrainR2, evaluation.HoldoutR2?.ToString("F3") ?? "n/a");
        return new BlockReport(block.OuterIteration, run, Epoch, evaluation.H, loss, fit, dag, evaluation.TrainR2, evaluation.HoldoutR2,
            stopped, clock.Elapsed.TotalSeconds, history);
    }

    /// <summary>h(W) of the current adjacency.</summary>
    public double Acyclicity()
    {
        using var _ = no_grad();
        return Options.DagMode == DagMode.Triangular ? 0 : ChannelDag.Acyclicity(Network.Adjacency()).cpu().item<float>();
    }

    public void Dispose()
    {
        Data.Dispose();
        Optimizer.Dispose();
        Stopping.Dispose();
        Network.Dispose();
        DropoutRng.Dispose();
    }
}
