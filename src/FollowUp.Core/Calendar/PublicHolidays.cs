using System.Collections.Concurrent;

namespace FollowUp.Calendar;

/// <summary>
/// Public holidays of the countries FollowUp's customers live in, computed (fixed dates and those that follow Easter or
/// a weekday rule), so that a send window can skip them. GB is England and Wales: bank holidays with their substitute
/// Mondays, and the day itself when it falls on a weekend.
/// </summary>
public static class PublicHolidays
{
    private static readonly ConcurrentDictionary<(string Country, int Year), IReadOnlySet<DateOnly>> Cache = new();

    /// <summary>ISO 3166 alpha-2 codes whose holidays are known.</summary>
    public static IReadOnlyList<string> Countries { get; } = ["DK", "FI", "GB", "IS", "NO", "SE"];

    public static bool IsKnown(string? country) => country is not null && Countries.Contains(country, StringComparer.Ordinal);

    public static bool IsHoliday(string country, DateOnly date) => For(country, date.Year).Contains(date);

    /// <summary>The country's public holidays in <paramref name="year"/>; empty for a country not known.</summary>
    public static IReadOnlySet<DateOnly> For(string country, int year)
    {
        ArgumentNullException.ThrowIfNull(country);
        return Cache.GetOrAdd((country, year), key => Compute(key.Country, key.Year));
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static HashSet<DateOnly> Compute(string country, int year)
    {
        var easter = EasterSunday(year);
        DateOnly Easter(int days) => easter.AddDays(days);
        DateOnly Date(int month, int day) => new(year, month, day);
        var days = country switch
        {
            "NO" => [Date(1, 1), Easter(-3), Easter(-2), easter, Easter(1), Date(5, 1), Date(5, 17), Easter(39), Easter(49), Easter(50), Date(12, 25), Date(12, 26)],
            "DK" => [Date(1, 1), Easter(-3), Easter(-2), easter, Easter(1), Easter(39), Easter(49), Easter(50), Date(12, 25), Date(12, 26)],
            "SE" => [Date(1, 1), Date(1, 6), Easter(-2), easter, Easter(1), Date(5, 1), Easter(39), Date(6, 6), Easter(49), First(Date(6, 20), DayOfWeek.Saturday), First(Date(10, 31), DayOfWeek.Saturday), Date(12, 25), Date(12, 26)],
            "FI" => [Date(1, 1), Date(1, 6), Easter(-2), easter, Easter(1), Date(5, 1), Easter(39), Easter(49), First(Date(6, 20), DayOfWeek.Saturday), First(Date(10, 31), DayOfWeek.Saturday), Date(12, 6), Date(12, 25), Date(12, 26)],

            // Christmas Eve and New Year's Eve are holidays from 13:00; a whole day off for mail is the kinder reading.
            "IS" => [Date(1, 1), Easter(-3), Easter(-2), easter, Easter(1), First(Date(4, 19), DayOfWeek.Thursday), Date(5, 1), Easter(39), Easter(49), Easter(50), Date(6, 17), First(Date(8, 1), DayOfWeek.Monday), Date(12, 24), Date(12, 25), Date(12, 26), Date(12, 31)],
            "GB" => EnglandAndWales(year, easter),
            _ => new List<DateOnly>(),
        };

        return [.. days];
    }

    private static List<DateOnly> EnglandAndWales(int year, DateOnly easter)
    {
        var newYear = new DateOnly(year, 1, 1);
        var christmas = new DateOnly(year, 12, 25);
        var boxing = new DateOnly(year, 12, 26);
        var days = new List<DateOnly>
        {
            newYear, easter.AddDays(-2), easter.AddDays(1),
            First(new DateOnly(year, 5, 1), DayOfWeek.Monday),
            Last(new DateOnly(year, 5, 31), DayOfWeek.Monday),
            Last(new DateOnly(year, 8, 31), DayOfWeek.Monday),
            christmas, boxing,
        };

        // A bank holiday on a weekend moves to the next weekday that is not one already.
        if (newYear.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            days.Add(First(newYear, DayOfWeek.Monday));
        }

        var taken = new HashSet<DateOnly>();
        foreach (var day in new[] { christmas, boxing })
        {
            var observed = day;
            while (observed.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || taken.Contains(observed) || (observed != day && (observed == christmas || observed == boxing)))
            {
                observed = observed.AddDays(1);
            }

            taken.Add(observed);
            days.Add(observed);
        }

        return days;
    }

    private static DateOnly First(DateOnly from, DayOfWeek day)
    {
        while (from.DayOfWeek != day)
        {
            from = from.AddDays(1);
        }

        return from;
    }

    private static DateOnly Last(DateOnly until, DayOfWeek day)
    {
        while (until.DayOfWeek != day)
        {
            until = until.AddDays(-1);
        }

        return until;
    }
}
