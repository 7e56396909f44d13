using Mmm.Science.Scaling;

namespace Mmm.Science.Tests.Scaling;

public class CalendarSeasonalityTests
{
    [Fact]
    public void Features_have_two_columns_per_harmonic()
    {
        var dates = new[] { new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 11), new DateOnly(2024, 3, 18) };
        Assert.Equal(3 * 4, CalendarSeasonality.Fourier(dates).Length);
        Assert.Equal(3 * 6, CalendarSeasonality.Fourier(dates, harmonics: 3).Length);
    }

    [Fact]
    public void Same_calendar_position_gives_the_same_features()
    {
        var a = CalendarSeasonality.Fourier([new DateOnly(2023, 6, 12)]);
        var b = CalendarSeasonality.Fourier([new DateOnly(2023, 6, 12)]);
        Assert.Equal(a, b);
        double phase = 2 * Math.PI * new DateOnly(2023, 6, 12).DayOfYear / 365.25;
        Assert.Equal((float)Math.Sin(phase), a[0]);
        Assert.Equal((float)Math.Cos(phase), a[1]);
        Assert.Equal((float)Math.Sin(2 * phase), a[2]);
        Assert.Equal((float)Math.Cos(2 * phase), a[3]);
    }

    [Fact]
    public void A_year_apart_gives_nearly_equal_features()
    {
        // 52.18 weeks = 365.26 days: a holdout week gets the values of its own calendar position.
        var start = new DateOnly(2022, 9, 5);
        for (int week = 0; week < 60; week++)
        {
            var d = start.AddDays(7 * week);
            var f = CalendarSeasonality.Fourier([d, d.AddDays(365)]);
            for (int j = 0; j < 4; j++)
                Assert.True(Math.Abs(f[j] - f[4 + j]) < 0.04, $"{d} column {j}: {f[j]} vs {f[4 + j]}");
        }
    }

    [Fact]
    public void Features_differ_across_the_year()
    {
        var f = CalendarSeasonality.Fourier([new DateOnly(2024, 1, 1), new DateOnly(2024, 7, 1)]);
        Assert.True(Math.Abs(f[1] - f[5]) > 1.5); // cos at new year ~ 1, at mid-year ~ -1
    }
}
