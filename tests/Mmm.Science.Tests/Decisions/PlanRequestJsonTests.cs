using Mmm.Science.Data;
using Mmm.Science.Decisions;

namespace Mmm.Science.Tests.Decisions;

public class PlanRequestJsonTests
{
    [Fact]
    public void Reads_every_key()
    {
        var r = PlanRequestJson.Parse("""
            {"budget": 1000, "horizonWeeks": 8, "objective": "targetMarginalRoas", "target": 1.2, "flighting": true,
             "bounds": {"media_tv": {"min": 0.8, "max": 1.5}, "media_search": {"minSpend": 10, "maxSpend": 500}},
             "defaultBounds": {"min": 0, "max": 3}, "spend": [{"channel": "media_tv", "week": 2, "spend": 40}]}
            """);
        Assert.Equal(1000, r.Budget);
        Assert.Equal(8, r.HorizonWeeks);
        Assert.Equal(PlanObjective.TargetMarginalRoas, r.Objective);
        Assert.Equal(new ChannelBound(0.8, 1.5, BoundKind.Ratio), r.Bounds["media_tv"]);
        Assert.Equal(new ChannelBound(10, 500, BoundKind.Absolute), r.Bounds["media_search"]);
        Assert.Equal(new ChannelBound(0, 3), r.Default);
        Assert.True(r.Flighting);
        Assert.Equal(new PlannedSpend("media_tv", 2, 40), Assert.Single(r.Spend!));
        Assert.Equal(500, PlanRequestJson.Parse("500").Budget);
    }

    [Theory]
    [InlineData("""{"budget": -5}""", "budget")]
    [InlineData("""{"budgett": 5}""", "budgett")]
    [InlineData("""{"objective": "cheapest"}""", "objective")]
    [InlineData("""{"objective": "targetRoas"}""", "target")]
    [InlineData("""{"horizonWeeks": 0}""", "horizonWeeks")]
    [InlineData("""{"bounds": {"media_tv": {"min": 2, "max": 1}}}""", "bounds.media_tv")]
    [InlineData("""{"bounds": {"media_tv": {"min": 1, "maxSpend": 1}}}""", "bounds.media_tv")]
    [InlineData("""{"spend": [{"channel": "media_tv", "week": 1}]}""", "spend")]
    [InlineData("not json", null)]
    public void Bad_requests_say_which_key(string json, string? key)
    {
        var e = Assert.Throws<PlanInputException>(() => PlanRequestJson.Parse(json));
        Assert.Equal(ErrorCodes.BadPlan, e.Code);
        Assert.Equal(key, e.Field);
    }
}
