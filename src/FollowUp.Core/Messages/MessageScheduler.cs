using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Validation;

namespace FollowUp.Messages;

/// <summary>
/// Decides which message a rule makes for an event, and which pending messages of an order or deal a later event
/// cancels. Writes go index → message → schedule entry (through <see cref="MessageLife"/>), so that a crash part-way
/// leaves nothing a replay cannot finish and nothing the dispatcher can lose.
/// </summary>
public sealed class MessageScheduler(SubjectIndex index, MessageLife life, CouponCodes coupons, TimeProvider time)
{
    /// <param name="event">The event.</param>
    /// <param name="rule">A rule it triggers.</param>
    /// <param name="model">The render model.</param>
    /// <param name="suppressed">Whether the address must not get mail.</param>
    /// <param name="eventsSeen">The event types the order or deal has seen, from <see cref="SubjectIndex"/>.</param>
    /// <param name="indexed">The order's or deal's messages as the index lists them, so that a replay finds the id it made.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<ScheduleResult> ScheduleAsync(
        FollowUpEvent @event,
        Rule rule,
        JsonObject model,
        bool suppressed,
        IReadOnlyDictionary<string, DateTimeOffset> eventsSeen,
        IReadOnlyList<SubjectMessage> indexed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(eventsSeen);
        ArgumentNullException.ThrowIfNull(indexed);
        var hash = MessageIds.Hash(rule.Id, @event.SubjectKind, @event.Customer.Id, @event.SubjectId);
        var known = indexed.FirstOrDefault(m => MessageIds.IsWellFormed(m.MessageId) && MessageIds.HashOf(m.MessageId) == hash)?.MessageId;
        var customerKey = TableKey.Encode(@event.Customer.Id);
        var subject = SubjectIndex.PartitionFor(@event);

        // Only a coupon (reserved in its own table) is worth a read to avoid; otherwise the insert's conflict tells.
        if (rule.Coupon is not null && known is not null && await life.GetAsync(known, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            await life.EnsureScheduledAsync(earlier, cancellationToken).ConfigureAwait(false);
            return Existing(earlier);
        }

        var now = time.GetUtcNow();
        if (!Iso8601Duration.TryParse(rule.Delay, out var delay, out var delayError))
        {
            throw new InvalidOperationException($"Rule '{rule.Id}' has an invalid delay: {delayError}");
        }

        var start = @event.Time is { } eventTime && eventTime < now ? eventTime : now;
        var dueAt = MessageIds.Truncate(start + delay < now ? now : start + delay);

        // Indexed before its row is written, so that a cancelling event reading the index finds it.
        var messageId = known ?? await index.AddMessageAsync(subject, MessageIds.For(dueAt, hash), customerKey, cancellationToken).ConfigureAwait(false);
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
            Locale = Text(model["customer"], "locale"),
            TimeZone = Text(model["customer"], "timeZone"),
            CreatedAt = now,
            DueAt = dueAt,
            Model = StoredModel(model, @event),
        };

        var cancelledEarlier = rule.CancelOn.FirstOrDefault(type => Cancels(eventsSeen, type, @event.Time));
        var cancelReason = suppressed
            ? "the address has unsubscribed"
            : cancelledEarlier is not null ? $"{cancelledEarlier} was received for this {Subject(@event.SubjectKind)} before {@event.Type}" : null;
        if (cancelReason is null && rule.Coupon is not null)
        {
            message.CouponCode = await coupons.IssueAsync(rule.Coupon, messageId, cancellationToken).ConfigureAwait(false);
        }

        var (stored, created) = await life.CreateAsync(message, cancelReason, $"by rule {rule.Id} on {@event.Type}, due {dueAt:O}", cancellationToken).ConfigureAwait(false);
        if (created && known is not null)
        {
            // A replay of an event that stopped between indexing and writing: make sure the customer's list has it too.
            await index.AddMessageAsync(subject, messageId, customerKey, cancellationToken).ConfigureAwait(false);
        }

        return created
            ? new ScheduleResult(rule.Id, messageId, stored.GetStatus(), dueAt, stored.Reason)
            : Existing(stored);
    }

    /// <summary>Cancels the pending messages of the event's order or deal whose rule names this event type.</summary>
    /// <param name="event">The event that may cancel.</param>
    /// <param name="rules">The current rules; a deleted rule's messages use the cancelOn they were scheduled with.</param>
    /// <param name="messages">The order's or deal's messages, from <see cref="SubjectIndex"/>.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<IReadOnlyList<ScheduleResult>> CancelAsync(
        FollowUpEvent @event,
        IReadOnlyDictionary<string, Rule> rules,
        IEnumerable<SubjectMessage> messages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(messages);
        var cancelled = new List<ScheduleResult>();
        var reason = $"{@event.Type} on {Subject(@event.SubjectKind)} {@event.SubjectId}";
        var cancelTime = @event.Time ?? DateTimeOffset.MaxValue;
        foreach (var (messageId, _) in messages)
        {
            var message = await life.CancelAsync(messageId, m => CancelsOn(m, rules).Contains(@event.Type) && (EventTypes.IsFinal(@event.Type) || (m.EventTime ?? DateTimeOffset.MinValue) <= cancelTime), reason, cancellationToken).ConfigureAwait(false);
            if (message is not null)
            {
                cancelled.Add(new ScheduleResult(message.RuleId, messageId, MessageStatus.Cancelled, message.DueAt, reason));
            }
        }

        return cancelled;
    }

    /// <summary>
    /// Cancels a message this event just scheduled if a cancelling event reached its order or deal meanwhile: the
    /// other side of the race in which a cancelling event read the index before this message was in it.
    /// </summary>
    public async Task<ScheduleResult?> CancelIfSeenAsync(ScheduleResult scheduled, FollowUpEvent @event, Rule rule, IReadOnlyDictionary<string, DateTimeOffset> seenNow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduled);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(seenNow);
        var cancelling = rule.CancelOn.FirstOrDefault(type => Cancels(seenNow, type, @event.Time));
        if (cancelling is null || scheduled.MessageId is null || scheduled.Status != MessageStatus.Scheduled)
        {
            return null;
        }

        var reason = $"{cancelling} on {Subject(@event.SubjectKind)} {@event.SubjectId}";
        var message = await life.CancelAsync(scheduled.MessageId, m => Cancels(seenNow, cancelling, m.EventTime), reason, cancellationToken).ConfigureAwait(false);
        return message is null ? null : scheduled with { Status = MessageStatus.Cancelled, Reason = reason };
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
    private static bool Cancels(IReadOnlyDictionary<string, DateTimeOffset> seen, string type, DateTimeOffset? scheduledBy) =>
        seen.TryGetValue(type, out var at) && (EventTypes.IsFinal(type) || at >= (scheduledBy ?? DateTimeOffset.MinValue));

    private static IReadOnlyList<string> CancelsOn(MessageEntity message, IReadOnlyDictionary<string, Rule> rules) =>
        rules.TryGetValue(message.RuleId, out var rule) ? rule.CancelOn : message.GetCancelOn();

    private static ScheduleResult Existing(MessageEntity message) =>
        new(message.RuleId, message.RowKey, message.GetStatus(), message.DueAt, "already scheduled for this " + Subject(message.GetSubjectKind()), Existing: true);

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
