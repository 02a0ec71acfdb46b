using System.Collections.Concurrent;
using System.Globalization;
using FollowUp.Calendar;
using FollowUp.Rules;
using Microsoft.Extensions.Options;

namespace FollowUp.Messages;

/// <summary>
/// When a rule's message may reach its recipient: the rule's send window in the recipient's zone, skipping the
/// holidays of the recipient's country, and what a deferral says in the ledger.
/// </summary>
public sealed class SendTiming(IOptions<FollowUpOptions> options, IOptions<CapOptions> caps)
{
    /// <summary>How many tries a placement gets before it settles for the last time it reached (a pathological plan).</summary>
    private const int MaxSteps = 64;

    // By reference: a rule's window is one object for as long as the rule book caches that version of the rule.
    // Zone ids are IANA names, a few hundred at most.
    private readonly ConcurrentDictionary<string, TimeZoneInfo> _zones = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<RuleSendWindow, SendWindow> _windows = new(ReferenceEqualityComparer.Instance);

    /// <summary>The recipient's zone: theirs when it is known here, else the configured default.</summary>
    public TimeZoneInfo ZoneOf(string? timeZone) =>
        _zones.GetOrAdd(timeZone ?? string.Empty, id => id.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById(options.Value.DefaultTimeZone));

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
        var zone = ZoneOf(timeZone);
        var (opening, why) = Window(rule, at, zone, country);
        return why is null ? (at, null) : (opening, Deferral(opening, zone, why));
    }

    /// <summary>
    /// When a message of <paramref name="rule"/> may go, at or after <paramref name="start"/>: the first moment that its
    /// send window and the customer's frequency caps allow, given the customer's <paramref name="plan"/>. Messages of a
    /// lower priority planned for later do not stand in its way: they are placed again after it (<see cref="Placement.Bumped"/>).
    /// </summary>
    /// <param name="rule">The message's rule.</param>
    /// <param name="start">When it is due by its delay.</param>
    /// <param name="timeZone">The customer's zone.</param>
    /// <param name="country">The customer's country, for holidays.</param>
    /// <param name="plan">The customer's other messages.</param>
    /// <param name="now">The time now: only messages still to come can be moved.</param>
    /// <param name="ruleOf">The current rule of a planned message, for its window and caps when it is moved.</param>
    public Placement Place(Rule rule, DateTimeOffset start, string? timeZone, string? country, IReadOnlyList<PlannedSend> plan, DateTimeOffset now, Func<string, Rule?> ruleOf)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ruleOf);
        var zone = ZoneOf(timeZone);

        // What went (or is going) stays; of what is still to come, a lower priority makes way.
        var past = plan.Where(other => other.At <= now).ToList();
        var future = plan.Where(other => other.At > now).OrderBy(other => other.At).ToList();
        var (at, why) = PlaceOne(rule, start, zone, country, [.. past, .. future.Where(other => other.Priority >= rule.Priority)], now);

        // Then everything still to come is placed again in its order among what is fixed: a lower priority after this
        // one, and any that this one now puts over a cap (a service message counts towards the total without waiting
        // for it, so the marketing message after it may have to).
        List<PlannedSend> kept = [.. past, new PlannedSend(string.Empty, rule.Id, CategoryName(rule.Category), at, rule.Priority, start)];
        var bumped = new List<PlanMove>();
        foreach (var other in future)
        {
            var (to, otherWhy) = PlaceOne(ruleOf(other.RuleId) ?? Stand(other), other.At, zone, country, kept, now);
            if (to > other.At)
            {
                var because = other.Priority < rule.Priority ? $"{otherWhy}; {rule.Id} (priority {rule.Priority}) goes first" : otherWhy!;
                bumped.Add(new PlanMove(other, to, Deferral(to, zone, because)));
            }

            kept.Add(other with { At = to });
        }

        return new Placement(at, why is null ? null : Deferral(at, zone, why), bumped);
    }

    /// <summary>
    /// After messages left the plan (cancelled): the messages still to come that a cap had deferred, placed again from
    /// their earliest, earliest first; those that can now go sooner, with when and why in words.
    /// </summary>
    public IReadOnlyList<PlanMove> BringForward(SendPlan plan, string? timeZone, string? country, DateTimeOffset now, Func<string, Rule?> ruleOf)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ruleOf);
        var zone = ZoneOf(timeZone);
        var moves = new List<PlanMove>();
        foreach (var deferred in plan.Entries.Where(e => e.At > e.Earliest && e.At > now).OrderBy(e => e.Earliest).ToList())
        {
            var others = plan.Entries.Where(e => e.MessageId != deferred.MessageId).ToList();
            var (to, _) = PlaceOne(ruleOf(deferred.RuleId) ?? Stand(deferred), deferred.Earliest > now ? deferred.Earliest : MessageIds.Truncate(now + TimeSpan.FromMinutes(1)), zone, country, others, now);
            if (to < deferred.At)
            {
                var why = $"brought forward to {Describe(to, zone)}: what a cap had deferred it for was cancelled";
                moves.Add(new PlanMove(deferred, to, why));
                plan.Add(deferred with { At = to, MovedFrom = deferred.MovedFrom ?? deferred.At, MoveWhy = why });
            }
        }

        return moves;
    }

    /// <summary>A rule for a planned message whose rule is gone: its category, no window.</summary>
    private static Rule Stand(PlannedSend send) => new() { Id = send.RuleId, Trigger = string.Empty, Delay = "PT0S", TemplateId = string.Empty, Category = Enum.Parse<MessageCategory>(send.Category, ignoreCase: true) };

    /// <summary>The first moment at or after <paramref name="start"/> that the window and the caps allow, and why it is later.</summary>
    private (DateTimeOffset At, string? Why) PlaceOne(Rule rule, DateTimeOffset start, TimeZoneInfo zone, string? country, List<PlannedSend> others, DateTimeOffset now)
    {
        var category = CategoryName(rule.Category);
        var own = CapOf(rule);
        var total = rule.Category == MessageCategory.Service ? null : Parse(caps.Value.Total);
        var same = others.Where(other => other.Category == category).ToList();
        var at = start;
        string? why = null;
        for (var step = 0; step < MaxSteps; step++)
        {
            var (opening, windowWhy) = Window(rule, at, zone, country);
            if (windowWhy is not null)
            {
                why = why is null ? windowWhy : $"{why}, then {windowWhy}";
                at = opening;
            }

            var blocked = Blocked(own, same, at, category, now) ?? Blocked(total, others, at, null, now);
            if (blocked is not { } block)
            {
                return (at, why);
            }

            why = block.Why;
            at = block.Until;
        }

        // A plan this crowded (a rule without expiry, deferred over and over): after everything in it, where no cap
        // can be in the way, then the window's next opening.
        var longest = new[] { own?.Per, total?.Per }.Max() ?? TimeSpan.Zero;
        var after = others.Count == 0 ? at : others.Max(other => other.At) + longest;
        var (fallback, fallbackWhy) = Window(rule, after > at ? after : at, zone, country);
        return (fallback, $"{why}; the customer's plan is full until then{(fallbackWhy is null ? string.Empty : ", then " + fallbackWhy)}");
    }

    /// <summary>
    /// Whether sending at <paramref name="at"/> would put more than the cap's count in some period the length of the cap
    /// that contains it, and if so the first moment the earliest message in the way no longer is, with why in words.
    /// </summary>
    private static (DateTimeOffset Until, string Why)? Blocked(FrequencyCap? cap, IReadOnlyList<PlannedSend> others, DateTimeOffset at, string? category, DateTimeOffset now)
    {
        if (cap is null)
        {
            return null;
        }

        var near = others.Where(other => other.At > at - cap.Per && other.At < at + cap.Per).ToList();
        if (near.Count < cap.Count)
        {
            return null;
        }

        // The most messages any period of the cap's length holds is reached by one that starts at a message (or at this one).
        var times = near.Select(other => other.At).Append(at).Order().ToList();
        var fits = times.Where(from => from <= at && from > at - cap.Per).All(from => times.Count(t => t >= from && t < from + cap.Per) <= cap.Count);
        if (fits)
        {
            return null;
        }

        var first = near.MinBy(other => other.At)!;
        var verb = first.At <= now ? "sent or due" : "due";
        return (first.At + cap.Per, $"{cap.Words(category)} ({first.RuleId} {verb} {first.At.ToString("d MMM HH:mm", CultureInfo.InvariantCulture)} UTC)");
    }

    /// <summary>The cap a rule's messages count against in their category: the rule's own, else the configured one.</summary>
    public FrequencyCap? CapOf(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.FrequencyCap is { } own ? Parse(own) : Parse(rule.Category switch
        {
            MessageCategory.Service => caps.Value.Service,
            MessageCategory.Marketing => caps.Value.Marketing,
            _ => caps.Value.Feedback,
        });
    }

    public static string CategoryName(MessageCategory category) => category.ToString().ToLowerInvariant();

    private static FrequencyCap? Parse(string? text) => FrequencyCap.TryParse(text, out var cap, out _) ? cap : null;

    private (DateTimeOffset At, string? Why) Window(Rule rule, DateTimeOffset at, TimeZoneInfo zone, string? country)
    {
        if (rule.SendWindow is not { } written)
        {
            return (at, null);
        }

        // Asked for every message a dispatcher sends: the window is built once per rule version, not per message.
        var window = _windows.TryGetValue(written, out var built) ? built : _windows.GetOrAdd(written, w => w.ToWindow());
        if (_windows.Count > 1_000)
        {
            _windows.Clear();
        }

        var opening = window.NextOpening(at, zone, country);
        if (opening <= at)
        {
            return (at, null);
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var why = window.SkipHolidays && country is not null && window.Days.Contains(day.DayOfWeek) && PublicHolidays.IsHoliday(country, day)
            ? $"{day.ToString("d MMM", CultureInfo.InvariantCulture)} is a public holiday in {country}"
            : $"outside the send window ({Words(written)})";
        return (opening, why);
    }

    private static string Deferral(DateTimeOffset at, TimeZoneInfo zone, string why) => $"deferred to {Describe(at, zone)}: {why}";

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
