using System.Globalization;
using System.Text.Json;
using FollowUp.Links;
using FollowUp.Messages;

namespace FollowUp.Reports;

/// <summary>
/// What reports count of one message, as facts: each stage it reached with the UTC day it first did (<c>Sent</c> →
/// <c>20261124</c>), and its answer (<c>answer</c> → <c>20261125|nps:9</c>). A count is the difference between the facts
/// counted before and the facts now, so a message is counted once per stage however often it is read, and a changed
/// answer moves from one answer to the other.
/// </summary>
public static class ReportFacts
{
    public const string AnswerFact = "answer";

    /// <summary>The stages reports count, in the order a message's life goes.</summary>
    public static IReadOnlyList<string> Stages { get; } =
    [
        nameof(MessageStatus.Scheduled), nameof(MessageEventKind.Deferred), nameof(MessageStatus.Cancelled), nameof(MessageStatus.Sent),
        nameof(MessageStatus.Delivered), nameof(MessageStatus.Opened), nameof(MessageStatus.Clicked), nameof(MessageStatus.Answered),
        nameof(MessageStatus.Bounced), nameof(MessageStatus.Complained), nameof(MessageStatus.Unsubscribed), nameof(MessageStatus.Failed),
    ];

    private static readonly HashSet<string> Counted = new(Stages, StringComparer.Ordinal);

    /// <summary>Each stage and the earlier ones it shows were reached, latest first so that what one implies implies on.</summary>
    private static readonly (string Stage, string[] Implies)[] Implied =
    [
        (nameof(MessageStatus.Answered), [nameof(MessageStatus.Clicked)]),
        (nameof(MessageStatus.Clicked), [nameof(MessageStatus.Opened)]),
        (nameof(MessageStatus.Opened), [nameof(MessageStatus.Delivered)]),
        (nameof(MessageStatus.Complained), [nameof(MessageStatus.Delivered)]),
        (nameof(MessageStatus.Unsubscribed), [nameof(MessageStatus.Delivered)]),
        (nameof(MessageStatus.Delivered), [nameof(MessageStatus.Sent)]),
        (nameof(MessageStatus.Bounced), [nameof(MessageStatus.Sent)]),
    ];

    /// <summary>The facts of the message now, on top of those counted before (a stage once reached stays counted).</summary>
    public static SortedDictionary<string, string> Of(MessageEntity message, IReadOnlyDictionary<string, string> before)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(before);
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in before)
        {
            if (name != AnswerFact)
            {
                facts[name] = value;
            }
        }

        if (message.StandIn == true)
        {
            return facts;
        }

        var reached = message.GetReached();
        foreach (var (stage, day) in reached)
        {
            if (Counted.Contains(stage))
            {
                facts.TryAdd(stage, day);
            }
        }

        // A row written without its history (the minimal "sent" record) still says where it is.
        if (Counted.Contains(message.Status) && !facts.ContainsKey(message.Status))
        {
            facts[message.Status] = Day(message.Status == nameof(MessageStatus.Sent) ? message.SentAt ?? message.CreatedAt : message.Timestamp ?? message.CreatedAt);
        }

        if (!string.IsNullOrEmpty(message.Answer))
        {
            var day = reached.GetValueOrDefault(nameof(MessageStatus.Answered)) ?? Day(message.AnsweredAt ?? message.Timestamp ?? message.CreatedAt);
            facts.TryAdd(nameof(MessageStatus.Answered), day);
            facts[AnswerFact] = day + "|" + message.Answer;
        }

        // Every message a rule made was scheduled, also one made cancelled (its address suppressed, its cancel first),
        // so that the funnel starts with all of them.
        facts.TryAdd(nameof(MessageStatus.Scheduled), Day(message.CreatedAt));

        // A funnel narrows: what was answered was clicked, what was clicked was opened (the pixel may have been
        // blocked), what was opened, marked as spam or unsubscribed from was delivered, and what was delivered was sent
        // (a delivery event can come in before the send is recorded). Each on the day of the stage that shows it.
        foreach (var (stage, implies) in Implied)
        {
            if (facts.TryGetValue(stage, out var day))
            {
                foreach (var earlier in implies)
                {
                    facts.TryAdd(earlier, earlier == nameof(MessageStatus.Sent) && message.SentAt is { } sentAt ? Day(sentAt) : day);
                }
            }
        }

        return facts;
    }

    public static IReadOnlyDictionary<string, string> Read(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, string>(StringComparer.Ordinal) : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static string Write(IReadOnlyDictionary<string, string> facts) => JsonSerializer.Serialize(facts);

    /// <summary>The counters to change to go from <paramref name="before"/> to <paramref name="after"/>: +1 for what is new, −1 for what is gone.</summary>
    public static IEnumerable<CounterDelta> Delta(string ruleId, string phase, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        foreach (var name in before.Keys.Union(after.Keys, StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(name);
            var now = after.GetValueOrDefault(name);
            if (old == now)
            {
                continue;
            }

            if (old is not null)
            {
                foreach (var delta in Counters(ruleId, phase, name, old, -1))
                {
                    yield return delta;
                }
            }

            if (now is not null)
            {
                foreach (var delta in Counters(ruleId, phase, name, now, +1))
                {
                    yield return delta;
                }
            }
        }
    }

    private static IEnumerable<CounterDelta> Counters(string ruleId, string phase, string name, string value, int by)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var day = bar < 0 ? value : value[..bar];
        if (!DateOnly.TryParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            yield break;
        }

        if (name != AnswerFact)
        {
            yield return new CounterDelta(date, ruleId, phase, name, by);
            yield break;
        }

        var answer = value[(bar + 1)..];
        yield return new CounterDelta(date, ruleId, phase, ReportCounterNames.Answer(answer), by);
        if (AnswerScore.Of(answer) is { } score)
        {
            yield return new CounterDelta(date, ruleId, phase, ReportCounterNames.Score(score), by);
        }
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
