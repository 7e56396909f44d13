using Microsoft.Extensions.Logging;
using Mmm.Science.Data;
using Mmm.Science.Options;
using Mmm.Science.Scaling;
using static TorchSharp.torch;

namespace Mmm.Science.Training;

/// <summary>What a family's model sees of its training session: the panel, its scaler and split, the options, the device and the log.</summary>
internal sealed record FamilyContext(Panel Panel, PanelScaler Scaler, PanelSplit Split, MmmOptions Options, Device Device, ILogger Logger);
