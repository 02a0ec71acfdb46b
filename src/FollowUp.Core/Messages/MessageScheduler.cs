using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Validation;

namespace FollowUp.Messages;

/// <summary>
/// Creates one message per (rule, order or deal) and cancels the pending messages of an order or deal when a later
/// event on that same order or deal says so. Writes go index → message → schedule entry, so that a crash part-way
/// leaves nothing a replay cannot finish and nothing the dispatcher can lose.
/// </summary>
public sealed class MessageScheduler(FollowUpTables tables, CouponCodes coupons, DispatchSignal signal, TimeProvider time)
{
    public async Task<ScheduleResult> ScheduleAsync(
        FollowUpEvent @event,
        Rule rule,
        JsonObject model,
        bool suppressed,
        IReadOnlySet<string> eventsSeen,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(eventsSeen);
        var messageId = MessageIds.For(rule.Id, @event.SubjectKind, @event.SubjectId);
        var customerKey = TableKey.Encode(@event.Customer.Id);

        // Only a coupon (reserved in its own table) is worth a read to avoid; otherwise the insert's conflict tells.
        if (rule.Coupon is not null)
        {
            var existing = await tables.Messages.GetEntityIfExistsAsync<MessageEntity>(customerKey, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing.HasValue)
            {
                return await ExistingAsync(existing.Value!, cancellationToken).ConfigureAwait(false);
            }
        }

        var now = time.GetUtcNow();
        if (!Iso8601Duration.TryParse(rule.Delay, out var delay, out var delayError))
        {
            throw new InvalidOperationException($"Rule '{rule.Id}' has an invalid delay: {delayError}");
        }

        var start = @event.Time is { } eventTime && eventTime < now ? eventTime : now;
        var dueAt = ScheduleEntry.Truncate(start + delay < now ? now : start + delay);

        var message = new MessageEntity
        {
            PartitionKey = customerKey,
            RowKey = messageId,
            CustomerId = @event.Customer.Id,
            RuleId = rule.Id,
            TemplateId = rule.TemplateId,
            SubjectKind = @event.SubjectKind.ToString(),
            SubjectId = @event.SubjectId,
            EventType = @event.Type,
            CancelOn = string.Join(',', rule.CancelOn),
            Email = @event.Customer.Email,
            Locale = model["customer"]?["locale"]?.GetValue<string>(),
            TimeZone = model["customer"]?["timeZone"]?.GetValue<string>(),
            CreatedAt = now,
            DueAt = dueAt,
            Model = model.ToJsonString(),
        };

        var cancelledEarlier = rule.CancelOn.FirstOrDefault(eventsSeen.Contains);
        if (suppressed)
        {
            message.Reason = "the address has unsubscribed";
            message.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, message.Reason));
        }
        else if (cancelledEarlier is not null)
        {
            message.Reason = $"{cancelledEarlier} was received for this {Subject(@event.SubjectKind)} before {@event.Type}";
            message.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, message.Reason));
        }
        else
        {
            message.CouponCode = rule.Coupon is null ? null : await coupons.IssueAsync(rule.Coupon, messageId, cancellationToken).ConfigureAwait(false);
            message.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.Scheduled, $"by rule {rule.Id} on {@event.Type}, due {dueAt:O}"));
        }

        await tables.MessageIndex.UpsertEntityAsync(
            new TableEntity(MessageIndexKeys.ById(messageId), string.Empty) { [MessageIndexKeys.CustomerKeyProperty] = customerKey },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        await tables.MessageIndex.UpsertEntityAsync(
            new TableEntity(MessageIndexKeys.BySubject(@event.SubjectKind, @event.SubjectId), MessageIndexKeys.MessageRow(messageId)) { [MessageIndexKeys.CustomerKeyProperty] = customerKey },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);

        try
        {
            await tables.Messages.AddEntityAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var winner = await tables.Messages.GetEntityAsync<MessageEntity>(customerKey, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await ExistingAsync(winner.Value, cancellationToken).ConfigureAwait(false);
        }

        if (message.GetStatus() == MessageStatus.Scheduled)
        {
            await EnsureScheduledAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return new ScheduleResult(rule.Id, messageId, message.GetStatus(), dueAt, message.Reason);
    }

    /// <summary>Cancels the pending messages of the event's order or deal whose rule names this event type.</summary>
    /// <param name="event">The event that may cancel.</param>
    /// <param name="rules">The current rules; a deleted rule's messages use the cancelOn they were scheduled with.</param>
    /// <param name="messages">The order's or deal's messages, from <see cref="SubjectState"/>.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<IReadOnlyList<ScheduleResult>> CancelAsync(
        FollowUpEvent @event,
        IReadOnlyDictionary<string, Rule> rules,
        IReadOnlyList<(string MessageId, string CustomerKey)> messages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(messages);
        var cancelled = new List<ScheduleResult>();
        var reason = $"{@event.Type} on {Subject(@event.SubjectKind)} {@event.SubjectId}";
        foreach (var (messageId, customerKey) in messages)
        {
            var result = await TryCancelAsync(customerKey, messageId, m =>
                (rules.TryGetValue(m.RuleId, out var rule) ? rule.CancelOn : m.GetCancelOn()).Contains(@event.Type), reason, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                cancelled.Add(result);
            }
        }

        return cancelled;
    }

    /// <summary>Cancels one pending message when <paramref name="applies"/> says so; safe against a dispatcher claiming it at the same moment.</summary>
    public async Task<ScheduleResult?> TryCancelAsync(string customerKey, string messageId, Func<MessageEntity, bool> applies, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applies);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var found = await tables.Messages.GetEntityIfExistsAsync<MessageEntity>(customerKey, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue)
            {
                return null;
            }

            var message = found.Value!;
            var now = time.GetUtcNow();
            if (!message.IsPending(now) || !applies(message))
            {
                return null;
            }

            message.Reason = reason;
            message.ClaimedUntil = null;
            message.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, reason));
            try
            {
                await tables.Messages.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                continue;
            }

            await tables.Schedule.DeleteEntityAsync(ScheduleEntry.Bucket(message.DueAt), ScheduleEntry.RowKeyFor(message.DueAt, messageId), ETag.All, cancellationToken).ConfigureAwait(false);
            return new ScheduleResult(message.RuleId, messageId, MessageStatus.Cancelled, message.DueAt, reason);
        }

        return null;
    }

    /// <summary>Makes sure a scheduled message has its schedule entry; idempotent, so a replay repairs a crash before it.</summary>
    internal async Task EnsureScheduledAsync(MessageEntity message, CancellationToken cancellationToken)
    {
        await tables.Schedule.UpsertEntityAsync(ScheduleEntry.Create(message.RowKey, message.PartitionKey, message.DueAt), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        signal.Notify(message.DueAt);
    }

    private async Task<ScheduleResult> ExistingAsync(MessageEntity message, CancellationToken cancellationToken)
    {
        if (message.GetStatus() == MessageStatus.Scheduled)
        {
            await EnsureScheduledAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return new ScheduleResult(message.RuleId, message.RowKey, message.GetStatus(), message.DueAt, "already scheduled for this " + Subject(message.GetSubjectKind()), Existing: true);
    }

    private static string Subject(SubjectKind kind) => kind == SubjectKind.Deal ? "deal" : "order";

    internal static JsonObject ParseModel(MessageEntity message) => JsonNode.Parse(message.Model)?.AsObject() ?? [];
}
