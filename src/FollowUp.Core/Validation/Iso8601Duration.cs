using System.Globalization;
using System.Text.RegularExpressions;

namespace FollowUp.Validation;

/// <summary>
/// ISO 8601 durations in the forms rules need: <c>PnW</c> and <c>PnDTnHnMnS</c> (fractions on seconds only).
/// Years and months are refused because their length depends on the calendar; say <c>P30D</c> instead.
/// </summary>
public static partial class Iso8601Duration
{
    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
    {
        duration = TimeSpan.Zero;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is required (an ISO 8601 duration such as PT1H or P5D)";
            return false;
        }

        if (text.Length > 40)
        {
            error = "is too long for an ISO 8601 duration (e.g. PT15M, PT1H, P5D, P1W, P2DT12H)";
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success || text is "P" or "PT" || text.EndsWith('T'))
        {
            error = Months().IsMatch(text)
                ? $"{Formats.Quote(text)} uses years or months, whose length varies; use days (e.g. P30D)"
                : $"{Formats.Quote(text)} is not an ISO 8601 duration (e.g. PT15M, PT1H, P5D, P1W, P2DT12H)";
            return false;
        }

        try
        {
            duration = TimeSpan.FromDays(7 * Number(match, "w"))
                + TimeSpan.FromDays(Number(match, "d"))
                + TimeSpan.FromHours(Number(match, "h"))
                + TimeSpan.FromMinutes(Number(match, "m"))
                + TimeSpan.FromSeconds(Number(match, "s"));
        }
        catch (OverflowException)
        {
            error = $"{Formats.Quote(text)} is too long";
            return false;
        }

        if (duration > TimeSpan.FromDays(3660))
        {
            error = $"{Formats.Quote(text)} is longer than ten years";
            return false;
        }

        return true;
    }

    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var text = "P" + (duration.Days > 0 ? duration.Days.ToString(CultureInfo.InvariantCulture) + "D" : string.Empty);
        var time = (duration.Hours > 0 ? duration.Hours.ToString(CultureInfo.InvariantCulture) + "H" : string.Empty)
            + (duration.Minutes > 0 ? duration.Minutes.ToString(CultureInfo.InvariantCulture) + "M" : string.Empty)
            + (duration.Seconds > 0 || duration.Milliseconds > 0
                ? (duration.Seconds + (duration.Milliseconds / 1000d)).ToString(CultureInfo.InvariantCulture) + "S"
                : string.Empty);
        return time.Length > 0 ? text + "T" + time : text;
    }

    private static double Number(Match match, string group) =>
        match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    // [0-9], not \d: \d also matches other scripts' digits (P٣D), which the number parser then refuses.
    [GeneratedRegex(@"^P(?:(?<w>[0-9]{1,6})W|(?:(?<d>[0-9]{1,6})D)?(?:T(?:(?<h>[0-9]{1,7})H)?(?:(?<m>[0-9]{1,9})M)?(?:(?<s>[0-9]{1,10}(?:\.[0-9]{1,7})?)S)?)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^P(?:[0-9]+Y|[0-9]+M)", RegexOptions.CultureInvariant)]
    private static partial Regex Months();
}
