using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;
using FollowUp.Telemetry;
using Microsoft.Extensions.Logging;

namespace FollowUp.Messages;

/// <summary>
/// The one owner of a message's life and of the Messages and Schedule tables. Every change of status — scheduled,
/// claimed, sent, retry, failed, cancelled, answered, unsubscribed — is a method here, applied through one
/// read-modify-write on the row's ETag (<see cref="TransitionAsync"/>), with every stored value bounded and scrubbed
/// of personal data before it is written. Schedule entries only point at messages; the row decides.
/// </summary>
public sealed partial class MessageLife(FollowUpTables tables, DispatchSignal signal, TimeProvider time, ILogger<MessageLife> logger)
{
    private const int MaxWriteAttempts = 8;

    public async Task<MessageEntity?> GetAsync(string customerKey, string messageId, CancellationToken cancellationToken = default)
    {
        var found = await tables.Messages.GetEntityIfExistsAsync<MessageEntity>(customerKey, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Writes a new message, scheduled (with its schedule entry) or, when <paramref name="cancelReason"/> is given,
    /// born cancelled so that the ledger says why it was never sent. If it exists already, returns that one instead.
    /// </summary>
    /// <param name="draft">The message's data; its status is set here.</param>
    /// <param name="cancelReason">Why it must not be sent, or null to schedule it.</param>
    /// <param name="scheduledDetail">What the history says about its scheduling.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<(MessageEntity Message, bool Created)> CreateAsync(MessageEntity draft, string? cancelReason, string scheduledDetail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = time.GetUtcNow();
        if (cancelReason is null)
        {
            draft.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.Scheduled, scheduledDetail));
        }
        else
        {
            draft.Reason = cancelReason;
            draft.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, cancelReason));
        }

        draft.Bound();
        try
        {
            var response = await tables.Messages.AddEntityAsync(draft, cancellationToken).ConfigureAwait(false);
            draft.ETag = response.Headers.ETag ?? draft.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await GetAsync(draft.PartitionKey, draft.RowKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A message that conflicted on insert could not be read back.", ex);
            await EnsureScheduledAsync(existing, cancellationToken).ConfigureAwait(false);
            return (existing, false);
        }

        await EnsureScheduledAsync(draft, cancellationToken).ConfigureAwait(false);
        return (draft, true);
    }

    /// <summary>Makes sure a scheduled message has its schedule entry; idempotent, so a replay repairs a crash before it.</summary>
    public async Task EnsureScheduledAsync(MessageEntity message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.GetStatus() != MessageStatus.Scheduled)
        {
            return;
        }

        await tables.Schedule.UpsertEntityAsync(ScheduleEntry.Create(message.RowKey, message.PartitionKey, message.DueAt), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        signal.Notify(message.DueAt);
    }

    /// <summary>Cancels a pending message when <paramref name="applies"/> says so; safe against a dispatcher claiming it at the same moment.</summary>
    /// <returns>The cancelled message, or null when there was nothing to cancel.</returns>
    public async Task<MessageEntity?> CancelAsync(string customerKey, string messageId, Func<MessageEntity, bool> applies, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applies);
        var now = time.GetUtcNow();
        var cancelled = await TransitionAsync(customerKey, messageId, null, m =>
        {
            if (!applies(m))
            {
                return false;
            }

            if (m.GetStatus() == MessageStatus.Claimed && m.ClaimedUntil > now)
            {
                // Being sent right now: that send goes ahead, but no retry or later attempt will.
                if (m.CancelRequested is not null)
                {
                    return false;
                }

                m.CancelRequested = reason;
                m.Record(MessageStatus.Claimed, new MessageEvent(now, MessageEventKind.Cancelled, $"{reason}, while it was being sent: no further attempt"));
                return true;
            }

            if (!m.IsPending(now))
            {
                return false;
            }

            m.Reason = reason;
            m.ClaimedUntil = null;
            m.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, reason));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (cancelled?.GetStatus() == MessageStatus.Claimed)
        {
            return null;
        }

        if (cancelled is not null)
        {
            await RemoveEntryAsync(ScheduleEntry.Create(messageId, customerKey, cancelled.DueAt), cancellationToken).ConfigureAwait(false);
        }

        return cancelled;
    }

    /// <summary>
    /// Claims the entry's message for one dispatcher, by updating it to Claimed under its ETag: of two dispatchers,
    /// exactly one succeeds. A claim that expired unfinished counts as an attempt; when the attempts are used up the
    /// message is failed as "outcome unknown" instead of being sent again.
    /// </summary>
    public async Task<Claim> ClaimAsync(ScheduleEntry entry, TimeSpan claimDuration, int maxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var message = await GetAsync(entry.CustomerKey, entry.MessageId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (message is null || message.GetStatus() is not (MessageStatus.Scheduled or MessageStatus.Claimed))
        {
            await RemoveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            return new Claim(ClaimOutcome.Stale, null);
        }

        if (message.DueAt != entry.DueAt)
        {
            // An entry left from an earlier due time. The message itself is pending, so make sure its own entry is
            // there before this one goes: whatever order writes landed in, a pending message always has an entry.
            await tables.Schedule.UpsertEntityAsync(ScheduleEntry.Create(message.RowKey, message.PartitionKey, message.DueAt), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await RemoveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            return new Claim(ClaimOutcome.Stale, null);
        }

        if (message.GetStatus() == MessageStatus.Claimed && message.ClaimedUntil > now)
        {
            return new Claim(ClaimOutcome.Busy, null);
        }

        var reclaimed = message.GetStatus() == MessageStatus.Claimed;
        if (message.CancelRequested is { } cancelReason)
        {
            message.ClaimedUntil = null;
            message.Reason = cancelReason;
            message.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, cancelReason));
            if (!await TryWriteAsync(message, cancellationToken).ConfigureAwait(false))
            {
                return new Claim(ClaimOutcome.Busy, null);
            }

            await RemoveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            return new Claim(ClaimOutcome.Cancelled, message);
        }

        if (reclaimed && message.Attempts >= maxAttempts)
        {
            var reason = $"outcome unknown: attempt {message.Attempts} stopped before its result was recorded, and all {maxAttempts} attempts are used; not retried, so that it is never sent twice";
            message.ClaimedUntil = null;
            message.Reason = reason;
            message.Record(MessageStatus.Failed, new MessageEvent(now, MessageEventKind.Failed, reason));
            if (!await TryWriteAsync(message, cancellationToken).ConfigureAwait(false))
            {
                return new Claim(ClaimOutcome.Busy, null);
            }

            await RemoveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            return new Claim(ClaimOutcome.GaveUp, message);
        }

        message.Attempts++;
        message.ClaimedUntil = now + claimDuration;
        message.Record(MessageStatus.Claimed, new MessageEvent(now, MessageEventKind.Claimed, reclaimed
            ? $"attempt {message.Attempts}, after an earlier claim expired unfinished"
            : $"attempt {message.Attempts}"));
        return await TryWriteAsync(message, cancellationToken).ConfigureAwait(false)
            ? new Claim(ClaimOutcome.Claimed, message)
            : new Claim(ClaimOutcome.Busy, null);
    }

    /// <summary>
    /// Records that the provider accepted the message. This must never fail in a way that lets the mail go out again:
    /// if the full record cannot be written, a minimal one (status, time, provider id) is merged in its place.
    /// </summary>
    public async Task MarkSentAsync(MessageEntity claimed, ScheduleEntry entry, string? providerMessageId, string locale, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(entry);
        var now = time.GetUtcNow();
        try
        {
            await TransitionAsync(claimed.PartitionKey, claimed.RowKey, claimed, m =>
            {
                m.SentAt = now;
                m.ProviderMessageId = providerMessageId;
                m.RenderedLocale = locale;
                m.Subject = subject;
                m.ClaimedUntil = null;
                m.Reason = null;
                m.Record(MessageStatus.Sent, new MessageEvent(now, MessageEventKind.Sent, $"attempt {m.Attempts}, provider id {providerMessageId}, locale {locale}"));
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever failed (storage, a timeout, a bug), the mail is out: the ledger must say so.
            LogSentRecordFailed(logger, ex.GetType().Name, claimed.RowKey);
            await MarkSentMinimallyAsync(claimed, providerMessageId, now, ex, cancellationToken).ConfigureAwait(false);
        }

        await RemoveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a claimed message back on the schedule for another attempt at <paramref name="dueAt"/>.</summary>
    public async Task RetryLaterAsync(MessageEntity claimed, ScheduleEntry entry, string reason, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(entry);
        var now = time.GetUtcNow();

        // The new entry goes in before the message points at it, and the old one goes last: a crash anywhere leaves an entry to find.
        await tables.Schedule.UpsertEntityAsync(ScheduleEntry.Create(claimed.RowKey, claimed.PartitionKey, dueAt), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await TransitionAsync(claimed.PartitionKey, claimed.RowKey, claimed, m =>
        {
            if (!StillOurs(m, claimed))
            {
                return false;
            }

            m.ClaimedUntil = null;
            if (m.CancelRequested is { } cancelReason)
            {
                m.Reason = cancelReason;
                m.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, $"{cancelReason}; attempt {m.Attempts} had failed: {reason}"));
                return true;
            }

            m.DueAt = dueAt;
            m.Reason = reason;
            m.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.AttemptFailed, $"attempt {m.Attempts}: {reason}; next attempt at {dueAt:O}"));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await RemoveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        signal.Notify(dueAt);
    }

    /// <summary>Ends a claimed message's life as failed or cancelled, with the reason.</summary>
    public async Task SettleAsync(MessageEntity claimed, ScheduleEntry entry, MessageStatus status, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(entry);
        if (status is not (MessageStatus.Failed or MessageStatus.Cancelled))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A claimed message settles as failed or cancelled.");
        }

        var now = time.GetUtcNow();
        var settled = await TransitionAsync(claimed.PartitionKey, claimed.RowKey, claimed, m =>
        {
            if (!StillOurs(m, claimed))
            {
                return false;
            }

            m.ClaimedUntil = null;
            m.Reason = reason;
            m.Record(status, new MessageEvent(now, status == MessageStatus.Failed ? MessageEventKind.Failed : MessageEventKind.Cancelled, reason));
            return true;
        }, cancellationToken).ConfigureAwait(false);

        // Only our own settlement retires the entry: if another dispatcher took the message over, the entry is its.
        if (settled is not null)
        {
            await RemoveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records a customer's one-click answer on a sent message; the same answer twice changes nothing.</summary>
    public async Task<(ResponseOutcome Outcome, MessageEntity? Message)> AnswerAsync(string customerKey, string messageId, string answer, CancellationToken cancellationToken = default)
    {
        var outcome = ResponseOutcome.NotFound;
        MessageEntity? seen = null;
        var now = time.GetUtcNow();
        var written = await TransitionAsync(customerKey, messageId, null, m =>
        {
            seen = m;
            if (m.GetStatus() is not (MessageStatus.Sent or MessageStatus.Answered))
            {
                outcome = ResponseOutcome.NotSent;
                return false;
            }

            if (m.Answer == answer)
            {
                outcome = ResponseOutcome.AlreadyRecorded;
                return false;
            }

            var detail = m.Answer is null ? answer : $"{answer} (changed from {m.Answer})";
            m.Answer = answer;
            m.AnsweredAt = now;
            m.Record(MessageStatus.Answered, new MessageEvent(now, MessageEventKind.Answered, detail));
            outcome = ResponseOutcome.Recorded;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return (outcome, written ?? seen);
    }

    /// <summary>Notes on the message that its recipient unsubscribed through it.</summary>
    public async Task NoteUnsubscribedAsync(string customerKey, string messageId, string detail, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await TransitionAsync(customerKey, messageId, null, m =>
        {
            if (m.GetHistory().Any(e => e.Kind == MessageEventKind.Unsubscribed))
            {
                return false;
            }

            m.Record(m.GetStatus(), new MessageEvent(now, MessageEventKind.Unsubscribed, detail));
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ids of a customer's pending messages to an address.</summary>
    public async IAsyncEnumerable<string> PendingAsync(string customerKey, string email, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customerKey} and Email eq {email} and (Status eq {nameof(MessageStatus.Scheduled)} or Status eq {nameof(MessageStatus.Claimed)})");
        await foreach (var pending in tables.Messages.QueryAsync<MessageEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return pending.RowKey;
        }
    }

    /// <summary>The schedule entries due at or before <paramref name="now"/>, earliest first, one page of at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ScheduleEntry>> DueAsync(DateTimeOffset now, int limit, ISet<string> skip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skip);
        var batch = new List<ScheduleEntry>(limit);
        await foreach (var entry in tables.Schedule.QueryAsync<ScheduleEntry>(ScheduleEntry.DueFilter(now), maxPerPage: limit, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (skip.Add(entry.PartitionKey + "/" + entry.RowKey))
            {
                batch.Add(entry);
            }

            if (batch.Count >= limit)
            {
                break;
            }
        }

        return batch;
    }

    /// <summary>When the earliest pending message falls due, or null when nothing is scheduled.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var entry in tables.Schedule.QueryAsync<ScheduleEntry>(maxPerPage: 1, select: ["DueAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return entry.DueAt;
        }

        return null;
    }

    /// <summary>
    /// Moves an entry whose message could not even be read to <paramref name="dueAt"/>, so that it stops being due on
    /// every pass; when the message reads again, its claim finds the entry's time stale and repairs it.
    /// </summary>
    public async Task DeferEntryAsync(ScheduleEntry entry, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var moved = ScheduleEntry.Create(entry.MessageId, entry.CustomerKey, dueAt);
        moved.Deferrals = entry.Deferrals + 1;
        await tables.Schedule.UpsertEntityAsync(moved, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await RemoveEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveEntryAsync(ScheduleEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await tables.Schedule.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one read-modify-write of a message row: <paramref name="apply"/> changes the row (or returns false to leave
    /// it), and the change is written under the row's ETag. If someone wrote in between, the row is read again and
    /// <paramref name="apply"/> decides afresh on what is there now.
    /// </summary>
    /// <returns>The row as written, or null when there was no row or <paramref name="apply"/> left it.</returns>
    private async Task<MessageEntity?> TransitionAsync(string customerKey, string messageId, MessageEntity? known, Func<MessageEntity, bool> apply, CancellationToken cancellationToken)
    {
        var current = known?.Copy();
        for (var attempt = 1; ; attempt++)
        {
            current ??= await GetAsync(customerKey, messageId, cancellationToken).ConfigureAwait(false);
            if (current is null || !apply(current))
            {
                return null;
            }

            if (await TryWriteAsync(current, cancellationToken).ConfigureAwait(false))
            {
                return current;
            }

            if (attempt >= MaxWriteAttempts)
            {
                throw new InvalidOperationException($"Message {messageId} kept changing under {MaxWriteAttempts} attempts to update it.");
            }

            current = null;
        }
    }

    /// <summary>Writes the row under its ETag; false when someone else wrote it first (or it is gone).</summary>
    private async Task<bool> TryWriteAsync(MessageEntity message, CancellationToken cancellationToken)
    {
        message.Bound();
        try
        {
            var response = await tables.Messages.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            message.ETag = response.Headers.ETag ?? message.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private async Task MarkSentMinimallyAsync(MessageEntity claimed, string? providerMessageId, DateTimeOffset now, Exception cause, CancellationToken cancellationToken)
    {
        var minimal = new TableEntity(claimed.PartitionKey, claimed.RowKey)
        {
            [nameof(MessageEntity.Status)] = nameof(MessageStatus.Sent),
            [nameof(MessageEntity.SentAt)] = now,
            [nameof(MessageEntity.ProviderMessageId)] = MessageEntity.Cut(providerMessageId, 200),
            [nameof(MessageEntity.Reason)] = MessageEntity.Cut($"sent; the full record could not be written ({cause.GetType().Name})", MessageEntity.MaxReasonLength),
        };
        // Storage may be away for a while: keep trying for about half a minute (well inside any valid claim), since
        // giving up here is what would let the claim expire and the mail go out again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await tables.Messages.UpdateEntityAsync(minimal, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < 5 && (StorageFailure.Is(ex) || ex is TimeoutException or IOException))
            {
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A dispatcher's outcome applies only while the row is still the claim it made (not cancelled or taken over).</summary>
    private static bool StillOurs(MessageEntity current, MessageEntity claimed) =>
        current.GetStatus() == MessageStatus.Claimed && current.Attempts == claimed.Attempts;

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} was accepted by the provider but its record could not be written in full ({Error}); writing a minimal one")]
    private static partial void LogSentRecordFailed(ILogger logger, string error, string messageId);
}
