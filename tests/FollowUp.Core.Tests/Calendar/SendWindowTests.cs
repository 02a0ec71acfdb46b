using FollowUp.Calendar;

namespace FollowUp.Core.Tests.Calendar;

public class SendWindowTests
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private static readonly SendWindow Weekdays = new(
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new TimeOnly(9, 0),
        new TimeOnly(20, 0),
        SkipHolidays: true);

    private static readonly HashSet<DayOfWeek> EveryDay = [.. Enum.GetValues<DayOfWeek>()];

    [Theory]
    // Inside: now.
    [InlineData("2026-11-24T10:00:00+01:00", "2026-11-24T10:00:00+01:00")]
    // The very first instant and the closing one.
    [InlineData("2026-11-24T09:00:00+01:00", "2026-11-24T09:00:00+01:00")]
    [InlineData("2026-11-24T20:00:00+01:00", "2026-11-25T09:00:00+01:00")]
    // Before opening: today at nine; after closing: tomorrow at nine.
    [InlineData("2026-11-24T06:30:00+01:00", "2026-11-24T09:00:00+01:00")]
    [InlineData("2026-11-24T22:15:00+01:00", "2026-11-25T09:00:00+01:00")]
    // A Saturday and a Friday night: Monday at nine.
    [InlineData("2026-11-28T10:00:00+01:00", "2026-11-30T09:00:00+01:00")]
    [InlineData("2026-11-27T20:30:00+01:00", "2026-11-30T09:00:00+01:00")]
    // Christmas: the 24th is a working day in Norway, the 25th and 26th are not, then a weekend.
    [InlineData("2026-12-24T20:30:00+01:00", "2026-12-28T09:00:00+01:00")]
    // Easter 2027: Maundy Thursday to Easter Monday, then Tuesday.
    [InlineData("2027-03-24T21:00:00+01:00", "2027-03-30T09:00:00+02:00")]
    // The same instant given in UTC.
    [InlineData("2026-11-28T09:00:00+00:00", "2026-11-30T08:00:00+00:00")]
    public void NextOpening_WeekdaysInOslo(string at, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Weekdays.NextOpening(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Oslo, "NO"));

    [Fact]
    public void NextOpening_HolidaysOfTheRecipientsCountry_NotAnother()
    {
        // 6 January 2027 is a Wednesday, a holiday in Sweden and not in Norway.
        var at = new DateTimeOffset(2027, 1, 6, 8, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(at.AddHours(1), Weekdays.NextOpening(at, Oslo, "NO"));
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 9, 0, 0, TimeSpan.FromHours(1)), Weekdays.NextOpening(at, Oslo, "SE"));
        Assert.Equal(at.AddHours(1), (Weekdays with { SkipHolidays = false }).NextOpening(at, Oslo, "SE"));
    }

    [Fact]
    public void NextOpening_SpringForward_OpeningInTheSkippedHourIsTheFirstMinuteAfterIt()
    {
        // 29 March 2026 in Oslo: 02:00 CET becomes 03:00 CEST; 02:30 does not exist that day.
        var window = new SendWindow(EveryDay, new TimeOnly(2, 30), new TimeOnly(5, 0), SkipHolidays: false);
        var at = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), window.NextOpening(at, Oslo, "NO"));
    }

    [Fact]
    public void NextOpening_AcrossBothChangesOfTheClock_NineIsNineLocalTime()
    {
        var nine = new SendWindow(EveryDay, new TimeOnly(9, 0), new TimeOnly(17, 0), SkipHolidays: false);

        // Saturday evening before each change: Sunday nine o'clock is 07:00 UTC in summer time, 08:00 UTC in winter time.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), nine.NextOpening(new DateTimeOffset(2026, 3, 28, 20, 0, 0, TimeSpan.Zero), Oslo, "NO"));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 8, 0, 0, TimeSpan.Zero), nine.NextOpening(new DateTimeOffset(2026, 10, 24, 20, 0, 0, TimeSpan.Zero), Oslo, "NO"));
    }

    [Fact]
    public void NextOpening_FallBack_OpeningInTheRepeatedHourIsItsFirstTime()
    {
        // 25 October 2026 in Oslo: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30 and at 01:30 UTC.
        var window = new SendWindow(EveryDay, new TimeOnly(2, 30), new TimeOnly(5, 0), SkipHolidays: false);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), window.NextOpening(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero), Oslo, "NO"));
    }

    [Theory]
    // 22:00-02:00 on Fridays: Friday 23:00 and Saturday 01:00 are inside; Saturday 03:00 waits a week.
    [InlineData("2026-11-27T23:00:00+01:00", "2026-11-27T23:00:00+01:00")]
    [InlineData("2026-11-28T01:00:00+01:00", "2026-11-28T01:00:00+01:00")]
    [InlineData("2026-11-28T03:00:00+01:00", "2026-12-04T22:00:00+01:00")]
    [InlineData("2026-11-27T12:00:00+01:00", "2026-11-27T22:00:00+01:00")]
    public void NextOpening_WindowPastMidnight_CountsByTheDayItOpens(string at, string expected)
    {
        var lateFriday = new SendWindow(new HashSet<DayOfWeek> { DayOfWeek.Friday }, new TimeOnly(22, 0), new TimeOnly(2, 0), SkipHolidays: false);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), lateFriday.NextOpening(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Oslo, "NO"));
    }

    [Fact]
    public void NextOpening_NoDay_SaysItNeverOpens() =>
        Assert.Throws<InvalidOperationException>(() => new SendWindow(new HashSet<DayOfWeek>(), new TimeOnly(9, 0), new TimeOnly(17, 0), false).NextOpening(DateTimeOffset.UnixEpoch, Oslo, null));

    [Fact]
    public void NextOpening_NoDayLeftThisWeek_OpensNextWeek()
    {
        var mondays = new SendWindow(new HashSet<DayOfWeek> { DayOfWeek.Monday }, new TimeOnly(9, 0), new TimeOnly(12, 0), SkipHolidays: false);

        // Monday after noon: the next Monday.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), mondays.NextOpening(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), Oslo, "NO"));
    }

    [Fact]
    public void NextOpening_WindowInsideTheSkippedHour_OpensTheNextDayInstead()
    {
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var window = new SendWindow(Enum.GetValues<DayOfWeek>().ToHashSet(), new TimeOnly(2, 0), new TimeOnly(2, 45), SkipHolidays: false);

        // 2026-03-29: clocks go from 02:00 to 03:00 in Oslo, so 02:00-02:45 never happens that day.
        var opening = window.NextOpening(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), oslo, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero), opening);
    }
}
