using System.Text.Json.Nodes;
using FollowUp.Customers;
using FollowUp.Events;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Validation;
using Microsoft.Extensions.Options;

namespace FollowUp.Messages;

/// <summary>
/// Decides which message a rule makes for an event, and which pending messages of an order or deal a later event
/// cancels. The message's pointer goes into its customer's partition with the event's other changes, before the row
/// is written (through <see cref="MessageLife"/>), so that a crash part-way leaves nothing a replay cannot finish and
/// a cancelling event always finds the message.
/// </summary>
public sealed class MessageScheduler(MessageLife life, CustomerRecords customers, CouponCodes coupons, SendTiming timing, IOptions<FollowUpOptions> options, TimeProvider time)
{
    /// <summary>
    /// Cancels the customer's pending marketing messages: they said no to marketing after these were scheduled. Reads
    /// each of the customer's messages once; a "no" is rare and a customer has few.
    /// </summary>
    public async Task<IReadOnlyList<ScheduleResult>> CancelMarketingAsync(FollowUpEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        const string Reason = "the customer withdrew marketing consent";
        var cancelled = new List<ScheduleResult>();
        string? continuation = null;
        do
        {
            var (ids, next) = await customers.ListMessagesAsync(TableKey.Encode(@event.Customer.Id), 100, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var id in ids)
            {
                if (await life.CancelAsync(id, m => m.Category == nameof(MessageCategory.Marketing), Reason, cancellationToken: cancellationToken).ConfigureAwait(false) is { } message)
                {
                    cancelled.Add(new ScheduleResult(message.RuleId, id, MessageStatus.Cancelled, message.DueAt, Reason));
                }
            }

            continuation = next;
        }
        while (continuation is not null);
        return cancelled;
    }

    /// <summary>
    /// Why <paramref name="rule"/> makes nothing for <paramref name="event"/> although it triggers it, or null when it
    /// may: an event older than the rule's <c>maxEventAge</c> (a backfill must not thank for last month's order), or a
    /// marketing rule and a customer without consent.
    /// </summary>
    /// <param name="event">The event.</param>
    /// <param name="rule">A rule it triggers.</param>
    /// <param name="profile">The customer as this event leaves them.</param>
    /// <param name="now">The time of ingest.</param>
    public string? SkipReason(FollowUpEvent @event, Rule rule, CustomerEntity profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(profile);
        if (rule.MaxEventAge is { } maxAge && @event.Time is { } at && Iso8601Duration.TryParse(maxAge, out var limit, out _) && now - at > limit)
        {
            return $"the event happened {Age(now - at)} ago; this rule takes events up to {maxAge} old (maxEventAge)";
        }

        if (rule.Category == MessageCategory.Marketing && !HasMarketingConsent(profile))
        {
            return profile.MarketingConsent == false
                ? "a marketing rule, and the customer said no to marketing (marketingConsent false)"
                : $"a marketing rule, and the customer never gave marketing consent (unknown consent counts as {(options.Value.UnknownMarketingConsent == MarketingConsentDefault.Denied ? "no" : "no for someone who has not bought anything")})";
        }

        return null;
    }

    private bool HasMarketingConsent(CustomerEntity profile) => HasMarketingConsent(profile, options.Value.UnknownMarketingConsent);

    /// <summary>Whether marketing may go to the customer: their own yes or no, else what <paramref name="unknown"/> says.</summary>
    public static bool HasMarketingConsent(CustomerEntity profile, MarketingConsentDefault unknown)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.MarketingConsent ?? unknown switch
        {
            MarketingConsentDefault.Granted => true,
            MarketingConsentDefault.ExistingCustomers => profile.OrderCount > 0,
            _ => false,
        };
    }

    private static string Age(TimeSpan age) =>
        age >= TimeSpan.FromDays(2) ? $"{(int)age.TotalDays} days" : age >= TimeSpan.FromHours(2) ? $"{(int)age.TotalHours} hours" : $"{(int)Math.Max(1, age.TotalMinutes)} minutes";

    /// <summary>The message <paramref name="rule"/> makes for <paramref name="event"/>, and its reminders, not yet written.</summary>
    /// <param name="event">The event, carrying its order's or deal's merged data.</param>
    /// <param name="rule">A rule it triggers.</param>
    /// <param name="model">The render model.</param>
    /// <param name="suppressed">Whether the address unsubscribed from messages of the rule's category.</param>
    /// <param name="seenBefore">The event types the order or deal had seen before this one.</param>
    /// <param name="indexed">The order's or deal's messages, so that a replay finds the ids it made.</param>
    /// <param name="plan">The customer's send plan: each message is placed where its caps allow, and added.</param>
    /// <param name="ruleOf">The current rules, for messages of a lower priority that these move.</param>
    /// <param name="now">When the event is taken: now for ingest, the time it was taken for a replay.</param>
    /// <returns>The first message, then its reminders (none when the first is born cancelled).</returns>
    public IReadOnlyList<PlannedMessage> Plan(FollowUpEvent @event, Rule rule, JsonObject model, bool suppressed, IReadOnlyDictionary<string, DateTimeOffset> seenBefore, IReadOnlyList<MessagePointer> indexed, SendPlan plan, Func<string, Rule?> ruleOf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seenBefore);
        ArgumentNullException.ThrowIfNull(indexed);
        if (!Iso8601Duration.TryParse(rule.Delay, out var delay, out var delayError))
        {
            throw new InvalidOperationException($"Rule '{rule.Id}' has an invalid delay: {delayError}");
        }

        var start = @event.Time is { } eventTime && eventTime < now ? eventTime : now;
        var intended = MessageIds.Truncate(start + delay < now ? now : start + delay);
        var cancelledEarlier = rule.CancelOn.FirstOrDefault(type => Cancels(seenBefore, type, @event.Time));
        var cancelReason = suppressed
            ? $"the address has unsubscribed from {SendTiming.CategoryName(rule.Category)} messages"
            : cancelledEarlier is not null ? $"{cancelledEarlier} was received for this {Subject(@event.SubjectKind)} before {@event.Type}" : null;
        var context = new PlanContext(@event, rule, model, indexed, plan, ruleOf, now);
        var first = PlanOne(context, intended, cancelReason, $"by rule {rule.Id} v{rule.Version} on {@event.Type}, due {intended:O}", reminder: 0, reminderOf: null, after: null);
        var messages = new List<PlannedMessage> { first };
        if (first.CancelReason is not null)
        {
            return messages;
        }

        // Each reminder its own message, planned now for the time after the first's planned send; the dispatcher
        // times it from the first's actual send, and stops it if the customer answered or unsubscribed meanwhile.
        for (var n = 1; n <= rule.Reminders.Count; n++)
        {
            if (!Iso8601Duration.TryParse(rule.Reminders[n - 1], out var after, out _))
            {
                continue;
            }

            var of = string.Join(',', messages.Select(m => m.Message.RowKey));
            messages.Add(PlanOne(context, first.Message.DueAt + after, null, $"reminder {n} of message {first.Message.RowKey}, {rule.Reminders[n - 1]} after its send", n, of, rule.Reminders[n - 1]));
        }

        return messages;
    }

    /// <summary>What a message's planning needs beyond its own time: the event, the rule, and the customer's plan.</summary>
    private sealed record PlanContext(FollowUpEvent Event, Rule Rule, JsonObject Model, IReadOnlyList<MessagePointer> Indexed, SendPlan Plan, Func<string, Rule?> RuleOf, DateTimeOffset Now);

    private PlannedMessage PlanOne(PlanContext context, DateTimeOffset intended, string? cancelReason, string detail, int reminder, string? reminderOf, string? after)
    {
        var (@event, rule, model, indexed, plan, ruleOf, now) = context;
        var hash = MessageIds.Hash(reminder == 0 ? rule.Id : $"{rule.Id}#reminder{reminder}", @event.SubjectKind, @event.Customer.Id, @event.SubjectId);
        var known = indexed.FirstOrDefault(m => MessageIds.IsWellFormed(m.MessageId) && MessageIds.HashOf(m.MessageId) == hash)?.MessageId;
        var timeZone = Text(model["customer"], "timeZone");
        var locale = Text(model["customer"], "locale");
        var country = timing.CountryOf(Text(model["customer"], "country"), locale);

        // Its id (and partition) is of the first minute its window allows: a cap defers it from there, and when what
        // was in its way is cancelled it can come forward as far as that. A replay keeps the place its first attempt got.
        var (earliest, windowDeferral) = timing.Fit(rule, intended, timeZone, country);
        earliest = MessageIds.Truncate(earliest);
        // A replay keeps the place its first attempt got. A known message the plan no longer has was cancelled (or
        // planned before caps were): it is not placed again, and moves nothing.
        var replayed = known is not null;
        var placement = known is not null
            ? new Placement(plan.Find(known)?.At ?? earliest, null, [])
            : timing.Place(rule, earliest, timeZone, country, plan.Entries, now, ruleOf);
        var dueAt = MessageIds.Truncate(placement.At);
        var deferral = placement.Deferral ?? windowDeferral;
        DateTimeOffset? expiresAt = rule.ExpiresAfter is { } expiresAfter && Iso8601Duration.TryParse(expiresAfter, out var keep, out _) ? intended + keep : null;
        var messageId = known ?? MessageIds.For(earliest, hash);
        var message = new MessageEntity
        {
            RowKey = messageId,
            CustomerId = @event.Customer.Id,
            RuleId = rule.Id,
            TemplateId = rule.TemplateId,
            SubjectKind = @event.SubjectKind.ToString(),
            SubjectId = @event.SubjectId,
            EventType = @event.Type,
            EventTime = @event.Time,
            CancelOn = string.Join(',', rule.CancelOn),
            Email = @event.Customer.Email,
            Locale = locale,
            TimeZone = timeZone,
            Country = country,
            Category = rule.Category.ToString(),
            Phase = JourneyPhases.Name(JourneyPhases.Of(rule)),
            RuleVersion = rule.Version,
            Reminder = reminder,
            ReminderOf = reminderOf,
            ReminderAfter = after,
            CreatedAt = now,
            IntendedAt = intended,
            ExpiresAt = expiresAt,
            DueAt = dueAt,
            Model = StoredModel(model, @event),
        };

        cancelReason ??= expiresAt < dueAt ? Expired(rule, deferral) : null;
        var newPointer = known is null ? CustomerRecords.PointerFor(@event, messageId, rule.Id, rule.CancelOn) : null;
        var bumped = cancelReason is null ? placement.Bumped : [];
        if (cancelReason is null && !replayed)
        {
            plan.Add(new PlannedSend(messageId, rule.Id, SendTiming.CategoryName(rule.Category), dueAt, rule.Priority, MessageIds.MinuteOf(messageId)));
            foreach (var (send, to, why) in bumped)
            {
                plan.Add(send with { At = to, MovedFrom = send.MovedFrom ?? send.At, MoveWhy = why });
            }
        }

        return new PlannedMessage(rule, message, cancelReason, detail, newPointer) { Deferral = deferral, Bumped = bumped };
    }

    /// <summary>
    /// Reserves the message's coupon, once its pointer is written. A message with a coupon that exists already is
    /// returned instead: a replay must not reserve a second code.
    /// </summary>
    public async Task<MessageEntity?> PrepareAsync(PlannedMessage planned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planned);
        if (planned.Rule.Coupon is null || planned.CancelReason is not null || planned.Message.Reminder > 0)
        {
            return null;
        }

        if (planned.NewPointer is null && await life.GetAsync(planned.Message.RowKey, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            await life.EnsureScheduledAsync(earlier, cancellationToken).ConfigureAwait(false);
            return earlier;
        }

        planned.Message.CouponCode = await coupons.IssueAsync(planned.Rule.Coupon, planned.Message.RowKey, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Moves messages as their customer's send plan now says: later for one of a higher priority, sooner when what was in the way is gone.</summary>
    public async Task MoveAsync(IEnumerable<PlanMove> moves, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moves);
        foreach (var (send, to, why) in moves)
        {
            await life.RetimeAsync(send.MessageId, send.At, to, why, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The messages of <paramref name="pointers"/> that an event of this type would cancel, by their rule's cancelOn.</summary>
    public static IEnumerable<MessagePointer> CancelledBy(FollowUpEvent @event, IReadOnlyDictionary<string, Rule> rules, IEnumerable<MessagePointer> pointers)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var cancelTime = @event.Time ?? DateTimeOffset.MaxValue;
        return pointers.Where(p => CancelsOn(p.RuleId, p.GetCancelOn(), rules).Contains(@event.Type)
            && (EventTypes.IsFinal(@event.Type) || (p.EventTime ?? DateTimeOffset.MinValue) <= cancelTime));
    }

    /// <summary>The result of a planned message once written (or found written before).</summary>
    public static ScheduleResult Result(PlannedMessage planned, MessageEntity stored, bool created)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(stored);
        return created
            ? new ScheduleResult(planned.Rule.Id, stored.RowKey, stored.GetStatus(), stored.DueAt, stored.Reason)
            : Existing(stored);
    }

    /// <summary>
    /// Cancels the pending messages of the event's order or deal whose rule names this event type. Runs after the
    /// event's changes to the customer's partition are written, so every message it must cancel is listed by then; one
    /// whose row its own event has not written yet is written cancelled in its place.
    /// </summary>
    /// <param name="event">The event that may cancel.</param>
    /// <param name="rules">The current rules; a deleted rule's messages use the cancelOn they were scheduled with.</param>
    /// <param name="pointers">The order's or deal's messages.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<IReadOnlyList<ScheduleResult>> CancelAsync(
        FollowUpEvent @event,
        IReadOnlyDictionary<string, Rule> rules,
        IEnumerable<MessagePointer> pointers,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(pointers);
        var cancelled = new List<ScheduleResult>();
        var reason = $"{@event.Type} on {Subject(@event.SubjectKind)} {@event.SubjectId}";
        var cancelTime = @event.Time ?? DateTimeOffset.MaxValue;
        foreach (var pointer in CancelledBy(@event, rules, pointers))
        {
            var standIn = new MessageEntity
            {
                RowKey = pointer.MessageId,
                StandIn = true,
                CustomerId = pointer.CustomerId,
                RuleId = pointer.RuleId,
                SubjectKind = pointer.SubjectKind,
                SubjectId = pointer.SubjectId,
                EventTime = pointer.EventTime,
                CancelOn = pointer.CancelOn,
                CreatedAt = time.GetUtcNow(),
                DueAt = MessageIds.MinuteOf(pointer.MessageId),
            };
            var message = await life.CancelAsync(
                pointer.MessageId,
                m => EventTypes.IsFinal(@event.Type) || (m.EventTime ?? DateTimeOffset.MinValue) <= cancelTime,
                reason,
                standIn,
                cancellationToken).ConfigureAwait(false);
            if (message is not null)
            {
                cancelled.Add(new ScheduleResult(message.RuleId, pointer.MessageId, MessageStatus.Cancelled, message.DueAt, reason));
            }
        }

        return cancelled;
    }

    /// <summary>
    /// The model as stored with the message. It fits one property: the event's data is bounded at ingest, and should the
    /// merged order snapshot make it too large anyway, the message keeps this event's own data instead.
    /// </summary>
    private static string StoredModel(JsonObject model, FollowUpEvent @event)
    {
        const int MaxModelLength = 30_000;
        var json = model.ToJsonString(FollowUpJson.Storage);
        if (json.Length <= MaxModelLength)
        {
            return json;
        }

        var own = model.DeepClone().AsObject();
        var name = @event.SubjectKind == SubjectKind.Deal ? "deal" : "order";
        own[name] = @event.Data[name]?.DeepClone();
        json = own.ToJsonString(FollowUpJson.Storage);
        return json.Length <= MaxModelLength ? json : throw new InvalidOperationException($"The render model of this {@event.Type} event is {json.Length} characters; at most {MaxModelLength} fit.");
    }

    /// <summary>
    /// Whether a cancelling event of <paramref name="type"/> that the order has seen cancels a message scheduled by an
    /// event at <paramref name="scheduledBy"/>: a final event (cancelled, returned) always does; an event that can be
    /// undone does when it is not older than the message's event. Missing times never let a message through: a
    /// cancelling event without one counts as the latest, a scheduling event without one as the earliest.
    /// </summary>
    internal static bool Cancels(IReadOnlyDictionary<string, DateTimeOffset> seen, string type, DateTimeOffset? scheduledBy) =>
        seen.TryGetValue(type, out var at) && (EventTypes.IsFinal(type) || at >= (scheduledBy ?? DateTimeOffset.MinValue));

    private static IReadOnlyList<string> CancelsOn(string ruleId, IReadOnlyList<string> stored, IReadOnlyDictionary<string, Rule> rules) =>
        rules.TryGetValue(ruleId, out var rule) ? rule.CancelOn : stored;

    internal static ScheduleResult Existing(MessageEntity message) =>
        new(message.RuleId, message.RowKey, message.GetStatus(), message.DueAt, "already scheduled for this " + Subject(message.GetSubjectKind()), Existing: true);

    /// <summary>The reason of a message cancelled because it could not go out within the rule's <c>expiresAfter</c>.</summary>
    internal static string Expired(Rule rule, string? because) =>
        $"expired: not sent within {rule.ExpiresAfter} of its due time (expiresAfter)" + (because is null ? string.Empty : $"; it would have been {because}");

    private static string Subject(SubjectKind kind) => kind == SubjectKind.Deal ? "deal" : "order";

    private static string? Text(JsonNode? parent, string name) =>
        parent is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    internal static JsonObject ParseModel(MessageEntity message)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(message.Model) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
