using System.Globalization;

namespace FollowUp.Functions.Tests;

/// <summary>
/// A strict reader of the 6-field NCRONTAB expressions the timer trigger takes (seconds minutes hours day month
/// weekday): numbers, <c>*</c>, ranges <c>a-b</c>, steps <c>/n</c> and comma lists. Month and day names, which
/// NCRONTAB also accepts, are refused so that the schedule stays plain numbers.
/// </summary>
public sealed class NcrontabSchedule
{
    private static readonly (string Name, int Min, int Max)[] Fields =
    [
        ("seconds", 0, 59),
        ("minutes", 0, 59),
        ("hours", 0, 23),
        ("day", 1, 31),
        ("month", 1, 12),
        ("weekday", 0, 6),
    ];

    private readonly IReadOnlyList<IReadOnlySet<int>> _values;

    private NcrontabSchedule(IReadOnlyList<IReadOnlySet<int>> values) => _values = values;

    /// <summary>True when every minute of every day has at least one firing.</summary>
    public bool FiresEveryMinute =>
        _values[0].Count > 0 && Enumerable.Range(1, Fields.Length - 1).All(i => _values[i].Count == Fields[i].Max - Fields[i].Min + 1);

    public static NcrontabSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length)
        {
            throw new FormatException($"'{expression}' has {parts.Length} fields; NCRONTAB needs {Fields.Length} (seconds minutes hours day month weekday).");
        }

        return new NcrontabSchedule(parts.Select((part, i) => ParseField(part, Fields[i].Name, Fields[i].Min, Fields[i].Max)).ToList());
    }

    private static HashSet<int> ParseField(string text, string name, int min, int max)
    {
        var values = new HashSet<int>();
        foreach (var item in text.Split(','))
        {
            var slash = item.Split('/');
            if (slash.Length > 2)
            {
                throw new FormatException($"{name} '{item}' has more than one step.");
            }

            var step = 1;
            if (slash.Length == 2 && (!TryNumber(slash[1], out step) || step < 1))
            {
                throw new FormatException($"{name} step '{slash[1]}' must be a whole number of at least 1.");
            }

            int from, to;
            var range = slash[0];
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var low, var high])
            {
                from = Number(low, name, min, max);
                to = Number(high, name, min, max);
                if (from > to)
                {
                    throw new FormatException($"{name} range '{range}' runs backwards.");
                }
            }
            else
            {
                from = Number(range, name, min, max);
                to = slash.Length == 2 ? max : from;
            }

            for (var value = from; value <= to; value += step)
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static int Number(string text, string name, int min, int max) =>
        TryNumber(text, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{name} '{text}' must be a whole number from {min} to {max}.");

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
