namespace Mmm.Science.Decisions;

/// <summary>Each channel's carry-over: weeks 0, 1, ... until the point's cumulative share reaches 99 % (at most 104 weeks).</summary>
internal static class CarryoverBuilder
{
    public const double Reach = 0.99;
    public const int MaxWeeks = 104;

    public static IReadOnlyList<CarryoverRow> Compute(SavedModel model)
    {
        var rows = new List<CarryoverRow>();
        for (int c = 0; c < model.ChannelCount; c++)
        {
            double a = model.Point.Decay[c], cumulative = 0;
            for (int week = 0; week < MaxWeeks && cumulative < Reach; week++)
            {
                double Share(double decay) => (1 - decay) * Math.Pow(decay, week);
                double share = Share(a);
                cumulative += share;
                var (low, high) = DrawInterval.Of(share, model.Members.Select(d => Share(d.Decay[c])));
                rows.Add(new CarryoverRow(model.Channels[c], week, share, low, high, cumulative));
            }
        }
        return rows;
    }
}
