using FollowUp.Messages;
using FollowUp.Rules;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Messages;

public class SendTimingTests
{
    private static readonly SendTiming Timing = new(Options.Create(new FollowUpOptions { DefaultTimeZone = "Europe/Oslo", DefaultCountry = "NO" }), Options.Create(new CapOptions()));

    private static Rule Rule(string from, string to, bool skipHolidays = false, params string[] days) => new()
    {
        Id = "r",
        Trigger = "order.delivered",
        Delay = "P5D",
        TemplateId = "t",
        SendWindow = new RuleSendWindow { Days = days.Length == 0 ? RuleSendWindow.DayNames : days, From = from, To = to, SkipHolidays = skipHolidays },
    };

    [Theory]
    [InlineData(null, "nb-NO", "NO")]
    [InlineData("se", "nb-NO", "SE")]
    [InlineData(null, "da-DK", "DK")]
    [InlineData(null, "en", "NO")]
    [InlineData(null, null, "NO")]
    [InlineData(null, "sv-Latn-FI", "FI")]
    public void CountryOf_CustomerThenLocaleRegionThenDefault(string? country, string? locale, string expected) =>
        Assert.Equal(expected, Timing.CountryOf(country, locale));

    [Fact]
    public void Fit_SundayNightOutsideAWeekdayWindow_DefersToMondayOpeningInWords()
    {
        // Sunday 29 Nov 03:12 in Oslo (02:12 UTC).
        var (at, deferral) = Timing.Fit(Rule("09:00", "20:00", false, "mon", "tue", "wed", "thu", "fri"), new DateTimeOffset(2026, 11, 29, 2, 12, 0, TimeSpan.Zero), "Europe/Oslo", "NO");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), at);
        Assert.Equal("deferred to Mon 30 Nov 09:00 Europe/Oslo: outside the send window (Mon–Fri 09:00–20:00)", deferral);
    }

    [Fact]
    public void Fit_InsideTheWindow_IsNotDeferred()
    {
        var at = new DateTimeOffset(2026, 11, 30, 18, 59, 0, TimeSpan.Zero); // 19:59 in Oslo

        Assert.Equal((at, (string?)null), Timing.Fit(Rule("09:00", "20:00"), at, "Europe/Oslo", "NO"));
    }

    [Fact]
    public void Fit_AtTheWindowsEnd_IsDeferredToTheNextDay()
    {
        var (at, _) = Timing.Fit(Rule("09:00", "20:00"), new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.Zero), "Europe/Oslo", "NO");

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void Fit_ChristmasDay_SaysItIsAHoliday()
    {
        var (at, deferral) = Timing.Fit(Rule("09:00", "20:00", skipHolidays: true), new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.Zero), "Europe/Oslo", "NO");

        // 26 Dec is a holiday in Norway too: the 27th is the first day.
        Assert.Equal(new DateTimeOffset(2026, 12, 27, 8, 0, 0, TimeSpan.Zero), at);
        Assert.Equal("deferred to Sun 27 Dec 09:00 Europe/Oslo: 25 Dec is a public holiday in NO", deferral);
    }

    [Fact]
    public void Fit_WindowAcrossMidnight_SendsAtNightAndDefersInTheAfternoon()
    {
        var rule = Rule("22:00", "02:00");

        Assert.Null(Timing.Fit(rule, new DateTimeOffset(2026, 11, 30, 0, 30, 0, TimeSpan.Zero), "Europe/Oslo", "NO").Deferral); // 01:30
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 21, 0, 0, TimeSpan.Zero), Timing.Fit(rule, new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero), "Europe/Oslo", "NO").At);
    }

    [Fact]
    public void Fit_TheCustomersOwnZone_Counts()
    {
        // 08:00 UTC is 09:00 in Oslo but 03:00 in New York: the New Yorker gets it at 09:00 there.
        var (at, deferral) = Timing.Fit(Rule("09:00", "20:00"), new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), "America/New_York", "US");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero), at);
        Assert.EndsWith("America/New_York: outside the send window (every day 09:00–20:00)", deferral, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_UnknownZone_UsesTheDefault()
    {
        var (at, _) = Timing.Fit(Rule("09:00", "20:00"), new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero), null, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void Fit_NoWindow_IsAnyTime()
    {
        var at = new DateTimeOffset(2026, 12, 25, 2, 0, 0, TimeSpan.Zero);

        Assert.Equal((at, (string?)null), Timing.Fit(Rule("09:00", "20:00") with { SendWindow = null }, at, "Europe/Oslo", "NO"));
    }

    [Theory]
    [InlineData(new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" }, false, "every day 09:00–17:00")]
    [InlineData(new[] { "mon", "wed" }, false, "Mon, Wed 09:00–17:00")]
    [InlineData(new[] { "sat", "sun" }, true, "Sat, Sun 09:00–17:00, not on public holidays")]
    [InlineData(new[] { "tue", "wed", "thu" }, false, "Tue–Thu 09:00–17:00")]
    public void Words_ReadAsAPersonWouldWriteThem(string[] days, bool holidays, string expected) =>
        Assert.Equal(expected, SendTiming.Words(new RuleSendWindow { Days = days, From = "09:00", To = "17:00", SkipHolidays = holidays }));
}
