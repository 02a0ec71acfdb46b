using FollowUp.Calendar;

namespace FollowUp.Core.Tests.Calendar;

public class SendWindowDstGapTests
{
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
