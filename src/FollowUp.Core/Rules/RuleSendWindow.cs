using FollowUp.Calendar;

namespace FollowUp.Rules;

/// <summary>
/// A rule's send window as written: <c>{ "days": ["mon", …], "from": "09:00", "to": "20:00", "skipHolidays": true }</c>,
/// local times in the recipient's zone. Stored as written (normalized), so that a GET shows what was PUT.
/// </summary>
public sealed record RuleSendWindow
{
    private static readonly string[] Names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static IReadOnlyList<string> DayNames => Names;

    public IReadOnlyList<string>? Days { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public bool? SkipHolidays { get; init; }

    /// <summary>The window to compute with; only for a window that passed validation.</summary>
    public SendWindow ToWindow() => new(
        (Days ?? DayNames).Select(DayOf).ToHashSet(),
        TimeOnly.ParseExact(From!, "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        TimeOnly.ParseExact(To!, "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        SkipHolidays ?? false);

    /// <summary>The day's place in the week, Monday first; -1 when it is not a day name.</summary>
    public static int Ordinal(string name) => Array.IndexOf(Names, name);

    private static DayOfWeek DayOf(string name) => (DayOfWeek)((Ordinal(name) + 1) % 7);
}
