namespace Mmm.Lab.Recovery;

/// <summary>
/// An experiment a scenario carries (<see cref="SyntheticScenario.LiftTests"/>): a geo test of <paramref name="Channel"/>
/// in the panel's first <paramref name="Regions"/> regions over <paramref name="Weeks"/> consecutive weeks of the
/// default training period, starting at <paramref name="StartFraction"/> of it, reporting an se of
/// <paramref name="SeFraction"/> of the true lift over those rows (see <see cref="SimulatedLiftTests.StandardError"/>).
/// </summary>
/// <param name="StartFraction">0: the first training week; a window that would run past the training weeks is moved earlier.</param>
public sealed record ScenarioLiftTest(string Channel, int Regions, int Weeks, double StartFraction, double SeFraction);
