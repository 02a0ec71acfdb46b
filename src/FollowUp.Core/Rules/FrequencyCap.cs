using System.Globalization;
using FollowUp.Validation;

namespace FollowUp.Rules;

/// <summary>At most <see cref="Count"/> messages in any <see cref="Per"/>; written <c>1/P7D</c>.</summary>
public sealed record FrequencyCap(int Count, TimeSpan Per)
{
    /// <summary>The longest period a cap may span: a customer's send plan keeps this much history.</summary>
    public static readonly TimeSpan MaxPer = TimeSpan.FromDays(90);

    /// <summary>Reads <c>count/duration</c> (<c>1/P7D</c>, <c>3/PT24H</c>); <c>none</c> or empty is no cap (null).</summary>
    public static bool TryParse(string? text, out FrequencyCap? cap, out string? error)
    {
        cap = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none")
        {
            return true;
        }

        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 100)
        {
            error = $"{Formats.Quote(text)} is not a cap: write it as count/duration, e.g. 1/P7D (at most one in 7 days) or 3/PT24H, with a count from 1 to 100, or none";
            return false;
        }

        if (!Iso8601Duration.TryParse(parts[1], out var per, out var durationError))
        {
            error = $"{Formats.Quote(text)}: the period {durationError}";
            return false;
        }

        if (per < TimeSpan.FromMinutes(1) || per > MaxPer)
        {
            error = $"{Formats.Quote(text)}: the period must be from a minute to 90 days";
            return false;
        }

        cap = new FrequencyCap(count, per);
        return true;
    }

    /// <summary>The cap in words: <c>at most 1 feedback message in 7 days</c>.</summary>
    public string Words(string? category) =>
        $"at most {Count} {(category is null ? string.Empty : category + " ")}message{(Count == 1 ? string.Empty : "s")} in {Period(Per)}";

    private static string Period(TimeSpan per) =>
        per.TotalDays >= 1 && per.Ticks % TimeSpan.TicksPerDay == 0 ? Plural((int)per.TotalDays, "day")
        : per.TotalHours >= 1 && per.Ticks % TimeSpan.TicksPerHour == 0 ? Plural((int)per.TotalHours, "hour")
        : Plural((int)per.TotalMinutes, "minute");

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
