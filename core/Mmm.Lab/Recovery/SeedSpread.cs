namespace Mmm.Lab.Recovery;

/// <summary>How much a scenario's channel shares move when only the model seed changes.</summary>
public static class SeedSpread
{
    /// <summary>
    /// The largest (max - min) of any channel's model share over fits of one scenario that differ only in the
    /// model seed, as a fraction of the KPI (0.01 = 1 pp), and that channel; 0 for a single fit.
    /// </summary>
    public static (double Spread, string Channel) LargestShareMovement(IReadOnlyList<ScenarioScore> fitsOfOneScenario)
    {
        if (fitsOfOneScenario.Count == 0) throw new ArgumentException("no fit given", nameof(fitsOfOneScenario));
        if (fitsOfOneScenario.Select(s => s.Scenario).Distinct().Count() != 1)
            throw new ArgumentException("fits of different scenarios", nameof(fitsOfOneScenario));
        var channels = fitsOfOneScenario[0].Channels.Select(c => c.Channel).ToList();
        return channels
            .Select(name =>
            {
                var shares = fitsOfOneScenario.Select(s => s.Channels.Single(c => c.Channel == name).ModelShare).ToList();
                return (Spread: shares.Max() - shares.Min(), Channel: name);
            })
            .MaxBy(x => x.Spread);
    }
}
