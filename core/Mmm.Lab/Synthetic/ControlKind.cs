namespace Mmm.Lab.Synthetic;

public enum ControlKind
{
    /// <summary>Continuous, wandering around <see cref="SyntheticControlSpec.Reference"/> (e.g. a price).</summary>
    Continuous,
    /// <summary>0/1 event dummy (e.g. a promotion week).</summary>
    EventDummy,
}
