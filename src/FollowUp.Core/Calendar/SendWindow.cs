namespace FollowUp.Calendar;

/// <summary>
/// When messages may reach a person: on <see cref="Days"/>, from <see cref="From"/> to <see cref="To"/> local time in the
/// recipient's zone (a window whose end is not after its start runs past midnight into the next day), and not on the
/// recipient's country's public holidays when <see cref="SkipHolidays"/>. Days and holidays count by the day a window opens.
/// </summary>
public sealed record SendWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To, bool SkipHolidays)
{
    /// <summary>
    /// The first instant at or after <paramref name="at"/> that falls in the window: <paramref name="at"/> itself when
    /// it is inside. A window start that does not exist that day (the hour skipped when clocks go forward) opens at the
    /// first instant after the gap; one that happens twice (the hour repeated when they go back) opens at the first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The window never opens (no day, or every day a holiday, for over a year).</exception>
    public DateTimeOffset NextOpening(DateTimeOffset at, TimeZoneInfo zone, string? country)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var overnight = To <= From;

        if ((Opens(today, country) && time >= From && (overnight || time < To))
            || (overnight && time < To && Opens(today.AddDays(-1), country)))
        {
            return at;
        }

        // 400 days: past any run of holidays and weekends, and a year's worth of a one-day-a-week window.
        for (var day = today; day <= today.AddDays(400); day = day.AddDays(1))
        {
            if (!Opens(day, country))
            {
                continue;
            }

            var opening = ToInstant(day.ToDateTime(From), zone);

            // A window that lies wholly in the hour the clocks skip does not open that day.
            if (!overnight && TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(opening, zone).DateTime) >= To)
            {
                continue;
            }

            if (opening >= at)
            {
                return opening;
            }
        }

        throw new InvalidOperationException("This send window never opens.");
    }

    private bool Opens(DateOnly day, string? country) =>
        Days.Contains(day.DayOfWeek) && !(SkipHolidays && country is not null && PublicHolidays.IsHoliday(country, day));

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        // Skipped by a clock going forward: the first minute that exists after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
            local = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
