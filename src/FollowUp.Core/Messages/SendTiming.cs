using System.Globalization;
using FollowUp.Calendar;
using FollowUp.Rules;
using Microsoft.Extensions.Options;

namespace FollowUp.Messages;

/// <summary>
/// When a rule's message may reach its recipient: the rule's send window in the recipient's zone, skipping the
/// holidays of the recipient's country, and what a deferral says in the ledger.
/// </summary>
public sealed class SendTiming(IOptions<FollowUpOptions> options)
{
    /// <summary>The recipient's zone: theirs when it is known here, else the configured default.</summary>
    public TimeZoneInfo ZoneOf(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById(options.Value.DefaultTimeZone);

    /// <summary>
    /// The recipient's country for holidays: the customer's, else the region of their locale (<c>nb-NO</c> → NO),
    /// else the configured default; null when none is known.
    /// </summary>
    public string? CountryOf(string? country, string? locale)
    {
        if (country is { Length: 2 })
        {
            return country.ToUpperInvariant();
        }

        foreach (var part in (locale ?? string.Empty).Split('-', '_').Skip(1))
        {
            if (part.Length == 2 && part.All(char.IsAsciiLetter))
            {
                return part.ToUpperInvariant();
            }
        }

        return string.IsNullOrEmpty(options.Value.DefaultCountry) ? null : options.Value.DefaultCountry;
    }

    /// <summary>
    /// The first instant at or after <paramref name="at"/> that the rule's window allows, and when that is later, the
    /// ledger's words for the deferral ("deferred to Mon 30 Nov 09:00 Europe/Oslo: outside the send window …").
    /// </summary>
    public (DateTimeOffset At, string? Deferral) Fit(Rule rule, DateTimeOffset at, string? timeZone, string? country)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.SendWindow is not { } written)
        {
            return (at, null);
        }

        var zone = ZoneOf(timeZone);
        var window = written.ToWindow();
        var opening = window.NextOpening(at, zone, country);
        if (opening <= at)
        {
            return (at, null);
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var why = window.SkipHolidays && country is not null && window.Days.Contains(day.DayOfWeek) && PublicHolidays.IsHoliday(country, day)
            ? $"{day.ToString("d MMM", CultureInfo.InvariantCulture)} is a public holiday in {country}"
            : $"outside the send window ({Words(written)})";
        return (opening, $"deferred to {Describe(opening, zone)}: {why}");
    }

    /// <summary>A time as a person reads it in the recipient's zone: <c>Mon 30 Nov 09:00 Europe/Oslo</c>.</summary>
    public static string Describe(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + " " + zone.Id;
    }

    /// <summary>The window in words: <c>Mon–Fri 09:00–20:00, not on public holidays</c>.</summary>
    public static string Words(RuleSendWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var names = RuleSendWindow.DayNames;
        var days = window.Days ?? names;
        var indexes = days.Select(RuleSendWindow.Ordinal).Order().ToArray();
        string span;
        if (indexes.Length == names.Count)
        {
            span = "every day";
        }
        else if (indexes.Length > 2 && indexes[^1] - indexes[0] == indexes.Length - 1)
        {
            span = $"{Title(names[indexes[0]])}–{Title(names[indexes[^1]])}";
        }
        else
        {
            span = string.Join(", ", indexes.Select(i => Title(names[i])));
        }

        return $"{span} {window.From}–{window.To}" + (window.SkipHolidays == true ? ", not on public holidays" : string.Empty);
    }

    private static string Title(string day) => char.ToUpperInvariant(day[0]) + day[1..];
}
