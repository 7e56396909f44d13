namespace Mmm.Science.Decisions;

/// <summary>How many weeks of zero spend a counterfactual runs on so that its carry-out counts: until the slowest decay of any
/// draw has left less than 1e-4 of a week's adstock (at least 8 weeks, at most 260).</summary>
internal static class CarryOut
{
    public static int Weeks(SavedModel model)
    {
        double slowest = model.Members.Append(model.Point).SelectMany(d => d.Decay).DefaultIfEmpty(0).Max();
        if (slowest <= 0) return 8;
        return Math.Clamp((int)Math.Ceiling(Math.Log(1e-4) / Math.Log(slowest)), 8, 260);
    }
}
