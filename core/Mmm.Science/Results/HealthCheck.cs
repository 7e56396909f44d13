namespace Mmm.Science.Results;

/// <summary>
/// One of the checks every run makes of itself (summary.json <c>healthChecks</c>, docs/contract.md): a name, pass, warn or
/// fail, the number it judged, and a sentence a marketer can act on.
/// </summary>
/// <param name="Check">One of <see cref="HealthCheckNames"/>.</param>
/// <param name="Status">One of <see cref="HealthStatus"/>.</param>
/// <param name="Value">The figure judged (its unit is in the message); null where there is none.</param>
public sealed record HealthCheck(string Check, string Status, double? Value, string Message);

public static class HealthStatus
{
    public const string Pass = "pass", Warn = "warn", Fail = "fail";
}

public static class HealthCheckNames
{
    public const string NegativeBaseline = "negative_baseline", MediaTotal = "media_total", Curvature = "curvature",
        RestartAgreement = "restart_agreement", LiftTests = "lift_tests", RoiPriors = "roi_priors", RoasRange = "roas_range",
        IntervalWidth = "interval_width", SelfCheck = "self_check", HoldoutForecast = "holdout_forecast";
}
