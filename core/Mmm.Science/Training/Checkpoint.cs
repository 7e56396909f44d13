using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Scaling;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>
/// The checkpoint format: a versioned binary stream holding the options and scaler (JSON), the panel's
/// shape and channel names (to refuse a mismatched panel), counters, the dropout RNG state, every
/// parameter, the AdamW moments and the early-stopping best weights. Tensors are written as float32
/// little-endian with their shapes, so a checkpoint moves between CPU and GPU hosts.
/// </summary>
public sealed partial class TrainingSession
{
    private const string Magic = "MMMCKPT2";

    public static JsonSerializerOptions CheckpointJson { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(JsonSerializer.Serialize(Options, CheckpointJson));
        w.Write(JsonSerializer.Serialize(Scaler, CheckpointJson));
        w.Write(Panel.RegionCount); w.Write(Panel.PeriodCount);
        w.Write(string.Join('\n', Panel.Channels)); w.Write(string.Join('\n', Panel.Controls));
        w.Write(Epoch); w.Write(WarmStartDone);
        w.Write(Model.SaveState());
        w.Write(LastDuals.Active); w.Write(LastDuals.Rho); w.Write(LastDuals.Alpha); w.Write(LastDuals.HPreviousOrInfinity);
        w.Write(Stopping.Best); w.Write(Stopping.BestEpoch); w.Write(Stopping.SinceBest); w.Write(Stopping.PhaseActive);
        var rng = DropoutRng.get_state().data<byte>().ToArray();
        w.Write(rng.Length); w.Write(rng);
        WriteTensors(w, parameters.Select(p => (Tensor)p.Parameter));
        w.Write(Optimizer.Step);
        WriteTensors(w, Optimizer.FirstMoments);
        WriteTensors(w, Optimizer.SecondMoments);
        w.Write(Stopping.BestWeights is not null);
        if (Stopping.BestWeights is not null) WriteTensors(w, Stopping.BestWeights);
    }

    /// <summary>Restores a session saved by <see cref="Save"/> on the same panel.</summary>
    public static TrainingSession Resume(Panel panel, Stream stream, string? device = null, ILogger? logger = null)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic) throw new InvalidDataException("Not a training checkpoint (bad magic).");
        var options = JsonSerializer.Deserialize<MmmOptions>(r.ReadString(), CheckpointJson)!;
        var scaler = JsonSerializer.Deserialize<PanelScaler>(r.ReadString(), CheckpointJson)!;
        int regions = r.ReadInt32(), periods = r.ReadInt32();
        string channels = r.ReadString(), controls = r.ReadString();
        if (regions != panel.RegionCount || periods != panel.PeriodCount || channels != string.Join('\n', panel.Channels)
            || controls != string.Join('\n', panel.Controls))
            throw new InvalidDataException($"Checkpoint was written for a {regions} x {periods} panel with other columns; this panel is {panel.RegionCount} x {panel.PeriodCount}.");
        var session = new TrainingSession(panel, options, scaler, DeviceChoice.Resolve(device ?? options.Device), logger);
        session.Epoch = r.ReadInt32();
        session.WarmStartDone = r.ReadBoolean();
        session.Model.LoadState(r.ReadString());
        session.LastDuals = new NotearsState(r.ReadBoolean(), r.ReadDouble(), r.ReadDouble(), FiniteOrNull(r.ReadDouble()));
        session.Stopping.Best = r.ReadDouble();
        session.Stopping.BestEpoch = r.ReadInt32();
        session.Stopping.SinceBest = r.ReadInt32();
        session.Stopping.PhaseActive = r.ReadBoolean();
        var rng = r.ReadBytes(r.ReadInt32());
        session.DropoutRng.set_state(tensor(rng, dtype: ScalarType.Byte));
        using (no_grad())
            foreach (var (p, saved) in session.parameters.Select(p => p.Parameter).Zip(ReadTensors(r, session.parameters.Count)))
                p.copy_(saved);
        long step = r.ReadInt64();
        session.Optimizer.Load(step, ReadTensors(r, session.parameters.Count), ReadTensors(r, session.parameters.Count));
        if (r.ReadBoolean())
            session.Stopping.BestWeights = ReadTensors(r, session.parameters.Count).Select(t => t.to(session.Device)).ToList();
        return session;
    }

    private static double? FiniteOrNull(double v) => double.IsFinite(v) ? v : null;

    private static void WriteTensors(BinaryWriter w, IEnumerable<Tensor> tensors)
    {
        var list = tensors.ToList();
        w.Write(list.Count);
        foreach (var t in list)
        {
            var cpu = t.detach().to(ScalarType.Float32).cpu().contiguous();
            w.Write(cpu.shape.Length);
            foreach (var d in cpu.shape) w.Write(d);
            var bytes = cpu.bytes.ToArray();
            w.Write(bytes.Length);
            w.Write(bytes);
        }
    }

    private static List<Tensor> ReadTensors(BinaryReader r, int expected)
    {
        int count = r.ReadInt32();
        if (count != expected) throw new InvalidDataException($"Checkpoint holds {count} tensors where the model has {expected}.");
        var list = new List<Tensor>(count);
        for (int i = 0; i < count; i++)
        {
            var shape = new long[r.ReadInt32()];
            for (int d = 0; d < shape.Length; d++) shape[d] = r.ReadInt64();
            var bytes = r.ReadBytes(r.ReadInt32());
            var t = zeros(shape, ScalarType.Float32);
            t.bytes = bytes;
            list.Add(t);
        }
        return list;
    }
}
