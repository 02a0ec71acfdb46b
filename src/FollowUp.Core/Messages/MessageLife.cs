using Azure;
using Azure.Data.Tables;
using FollowUp.Links;
using FollowUp.Storage;
using FollowUp.Telemetry;
using Microsoft.Extensions.Logging;

namespace FollowUp.Messages;

/// <summary>
/// The one owner of a message's life and of the Messages and Schedule tables. Every change of status — scheduled,
/// claimed, sent, retry, failed, cancelled, answered, unsubscribed — is a method here, applied as a read-modify-write on
/// the row's ETag, with every stored value bounded and scrubbed of personal data before it is written.
/// </summary>
/// <remarks>
/// A message lives in the partition of the minute it first fell due (<see cref="MessageIds"/>), and is its own schedule
/// entry: what is due is read straight from the partitions the directory (<see cref="DueDirectory"/>) lists, claims of
/// a partition's due messages are one entity-group transaction, and the outcomes of sends running side by side are
/// written together (<see cref="GroupCommit"/>). A conflict on one row never costs the others: that row is decided
/// afresh on its own.
/// </remarks>
public sealed partial class MessageLife
{
    private const int MaxWriteAttempts = 8;
    private const int MaxProviderEvents = 200;

    /// <summary>Pending rows read from one partition in one pass: one page, so that a backlog never fills memory.</summary>
    private const int MaxRowsPerRead = 1000;
    private const string PendingFilter = "(Status eq 'Scheduled' or Status eq 'Claimed')";

    private readonly FollowUpTables _tables;
    private readonly DispatchSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<MessageLife> _logger;
    private readonly DueDirectory _due;
    private readonly GroupCommit _outcomes;
    private readonly HeldMessages _held;
    private readonly ChangeIndex _changes;

    public MessageLife(FollowUpTables tables, DispatchSignal signal, TimeProvider time, ILogger<MessageLife> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
        _signal = signal;
        _time = time;
        _logger = logger;
        _due = new DueDirectory(tables.Schedule, time);
        _outcomes = new GroupCommit(tables.Messages);
        _held = new HeldMessages(tables.Schedule);
        _changes = new ChangeIndex(tables.Changes, time);
    }

    private TableClient Messages => _tables.Messages;

    public async Task<MessageEntity?> GetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        if (!MessageIds.IsWellFormed(messageId))
        {
            return null;
        }

        var found = await Messages.GetEntityIfExistsAsync<MessageEntity>(MessageIds.PartitionOf(messageId), messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// The status of each of <paramref name="messageIds"/> that exists, reading the status alone. A few are queried
    /// 14 of a partition at a time (Table Storage takes at most 15 comparisons in a filter); many are read by scanning
    /// the partitions of the minutes they span, in slices side by side: a page of 1,000 rows costs what one query of
    /// 14 does, so that reading the messages of a month's events is hundreds of requests, not one per message.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MessageStatus>> StatusesAsync(IEnumerable<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        const int ScanFrom = 1_000;
        const int Slices = 16;
        var wanted = messageIds.Where(MessageIds.IsWellFormed).ToHashSet(StringComparer.Ordinal);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, MessageStatus>(StringComparer.Ordinal);
        IEnumerable<string> filters;
        if (wanted.Count < ScanFrom)
        {
            filters = wanted.GroupBy(MessageIds.PartitionOf, StringComparer.Ordinal)
                .SelectMany(partition => partition.Chunk(14).Select(ids =>
                    TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key}") + " and (" + string.Join(" or ", ids.Select(id => TableClient.CreateQueryFilter($"RowKey eq {id}"))) + ")"));
        }
        else
        {
            var minutes = wanted.Select(MessageIds.MinuteOf).ToList();
            var (first, last) = (minutes.Min(), minutes.Max().AddMinutes(1));
            var slice = TimeSpan.FromMinutes(Math.Ceiling((last - first).TotalMinutes / Slices));
            filters = Enumerable.Range(0, Slices).Select(n => (From: first + (slice * n), To: first + (slice * (n + 1))))
                .Where(range => range.From < last)
                .Select(range => TableClient.CreateQueryFilter($"PartitionKey ge {MessageIds.Minute(range.From)} and PartitionKey lt {MessageIds.Minute(range.To)}"));
        }

        await Parallel.ForEachAsync(filters, new ParallelOptions { MaxDegreeOfParallelism = Slices, CancellationToken = cancellationToken }, async (filter, token) =>
        {
            await foreach (var row in Messages.QueryAsync<TableEntity>(filter, select: ["RowKey", nameof(MessageEntity.Status)], cancellationToken: token).ConfigureAwait(false))
            {
                if (wanted.Contains(row.RowKey) && Enum.TryParse<MessageStatus>(row.GetString(nameof(MessageEntity.Status)), out var status))
                {
                    found[row.RowKey] = status;
                }
            }
        }).ConfigureAwait(false);
        return found;
    }

    /// <summary>
    /// Writes a new message, scheduled or, when <paramref name="cancelReason"/> is given, born cancelled so that the
    /// ledger says why it was never sent. If it exists already, returns that one instead.
    /// </summary>
    /// <param name="draft">The message's data (its id says its partition); its status is set here.</param>
    /// <param name="cancelReason">Why it must not be sent, or null to schedule it.</param>
    /// <param name="scheduledDetail">What the history says about its scheduling.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<(MessageEntity Message, bool Created)> CreateAsync(MessageEntity draft, string? cancelReason, string scheduledDetail, CancellationToken cancellationToken = default)
    {
        var result = (await CreateManyAsync([new NewMessage(draft, cancelReason, scheduledDetail)], cancellationToken).ConfigureAwait(false))[0];
        return result.Failure is { } failure ? throw failure : (result.Message!, result.Created);
    }

    /// <summary>
    /// Writes new messages (see <see cref="CreateAsync"/>), those of one partition together in one transaction. Each
    /// comes back on its own: created, found there already, or the failure that kept it out.
    /// </summary>
    public async Task<IReadOnlyList<CreatedMessage>> CreateManyAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = _time.GetUtcNow();
        var drafts = new List<MessageEntity>(messages.Count);
        foreach (var message in messages)
        {
            var (draft, cancelReason, detail) = message;
            draft.PartitionKey = MessageIds.PartitionOf(draft.RowKey);
            draft.Published ??= 0;
            if (cancelReason is null)
            {
                draft.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.Scheduled, detail));
                if (message.Deferral is { } deferral)
                {
                    draft.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.Deferred, deferral));
                }
            }
            else
            {
                draft.Reason = cancelReason;
                draft.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, cancelReason));
            }

            draft.Bound();
            drafts.Add(draft);
        }

        // Listed before they are written: a pass that reads the directory after this finds them.
        foreach (var partition in drafts.Where(d => d.Status == nameof(MessageStatus.Scheduled)).Select(d => d.PartitionKey).Distinct(StringComparer.Ordinal))
        {
            await _due.TouchAsync(partition, cancellationToken).ConfigureAwait(false);
        }

        await _changes.TouchAsync(drafts.Select(d => d.PartitionKey), cancellationToken).ConfigureAwait(false);
        var results = await RowBatches.AddAsync(Messages, drafts, cancellationToken).ConfigureAwait(false);
        var created = new CreatedMessage[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            if (results[i] is null)
            {
                if (drafts[i].Status == nameof(MessageStatus.Scheduled))
                {
                    _signal.Notify(drafts[i].DueAt);
                }

                created[i] = new CreatedMessage(drafts[i], true, null);
                continue;
            }

            if (results[i] is not RequestFailedException { Status: 409 })
            {
                created[i] = new CreatedMessage(null, false, results[i]);
                continue;
            }

            try
            {
                var existing = await GetAsync(drafts[i].RowKey, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("A message that conflicted on insert could not be read back.", results[i]);
                if (existing.StandIn == true && drafts[i].StandIn != true && await FillStandInAsync(drafts[i], existing, cancellationToken).ConfigureAwait(false) is { } filled)
                {
                    created[i] = new CreatedMessage(filled, true, null);
                    continue;
                }

                await EnsureScheduledAsync(existing, cancellationToken).ConfigureAwait(false);
                created[i] = new CreatedMessage(existing, false, null);
            }
            catch (Exception ex) when (StorageFailure.Is(ex) || ex is InvalidOperationException)
            {
                created[i] = new CreatedMessage(null, false, ex);
            }
        }

        return created;
    }

    /// <summary>
    /// The message's own data written over the stand-in a cancelling event left in its place: its template, address,
    /// model and scheduling for the ledger, kept cancelled with the cancel's reason. Null when the row changed meanwhile.
    /// </summary>
    private async Task<MessageEntity?> FillStandInAsync(MessageEntity draft, MessageEntity standIn, CancellationToken cancellationToken)
    {
        var filled = draft.Copy();
        filled.ETag = standIn.ETag;
        filled.StandIn = null;
        filled.ClaimedUntil = null;
        if (filled.GetStatus() != MessageStatus.Cancelled)
        {
            filled.Reason = standIn.Reason;
            filled.Record(MessageStatus.Cancelled, standIn.GetHistory().LastOrDefault(e => e.Kind == MessageEventKind.Cancelled) ?? new MessageEvent(_time.GetUtcNow(), MessageEventKind.Cancelled, standIn.Reason));
        }

        return await TryWriteAsync(filled, cancellationToken).ConfigureAwait(false) ? filled : null;
    }

    /// <summary>Makes sure a pending message's partition is listed as due; idempotent, so a replay repairs a crash before it.</summary>
    public async Task EnsureScheduledAsync(MessageEntity message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.GetStatus() is not (MessageStatus.Scheduled or MessageStatus.Claimed))
        {
            return;
        }

        await _due.TouchAsync(message.PartitionKey, cancellationToken).ConfigureAwait(false);
        _signal.Notify(message.DueAt);
    }

    /// <summary>Cancels a pending message when <paramref name="applies"/> says so; safe against a dispatcher claiming it at the same moment.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="applies">Whether the cancel applies to the message as it is now.</param>
    /// <param name="reason">Why, for the ledger.</param>
    /// <param name="standIn">
    /// When given and the row is not there yet (its event has indexed it and is about to write it), the message is
    /// written cancelled in its place, so that the write that follows finds it cancelled instead of scheduling it.
    /// </param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>The cancelled message, or null when there was nothing to cancel (or it is being sent: then no later attempt will be).</returns>
    public async Task<MessageEntity?> CancelAsync(string messageId, Func<MessageEntity, bool> applies, string reason, MessageEntity? standIn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applies);
        for (var attempt = 1; ; attempt++)
        {
            var found = false;
            var cancelled = await CancelExistingAsync(messageId, m =>
            {
                found = true;
                return applies(m);
            }, reason, cancellationToken).ConfigureAwait(false);
            if (found || standIn is null || !applies(standIn))
            {
                return cancelled;
            }

            standIn.RowKey = messageId;
            var (written, created) = await CreateAsync(standIn, reason, string.Empty, cancellationToken).ConfigureAwait(false);
            if (created)
            {
                return written;
            }

            if (attempt >= MaxWriteAttempts)
            {
                return null;
            }
        }
    }

    private async Task<MessageEntity?> CancelExistingAsync(string messageId, Func<MessageEntity, bool> applies, string reason, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var cancelled = await TransitionAsync(messageId, null, m =>
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

            if (!m.IsPending(now) && m.GetStatus() != MessageStatus.Held)
            {
                return false;
            }

            m.Reason = reason;
            m.ClaimedUntil = null;
            m.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, reason));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return cancelled?.GetStatus() == MessageStatus.Claimed ? null : cancelled;
    }

    /// <summary>The partitions listed as holding pending messages whose minute has begun.</summary>
    public Task<IReadOnlyList<DuePartition>> DuePartitionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _due.DueAsync(now, cancellationToken);

    /// <summary>
    /// Everything pending in a listed partition, read in one query: what is due now, what is busy, and when the next
    /// falls due. A partition found old, quiet and empty is taken off the list.
    /// </summary>
    /// <param name="listed">The partition, as the directory lists it.</param>
    /// <param name="now">The time that counts as now.</param>
    /// <param name="select">Only these properties (for a planner that hands out ids), or null for whole rows.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<PendingScan> PendingInAsync(DuePartition listed, DateTimeOffset now, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {listed.Partition}") + " and " + PendingFilter;
        // Whole rows a page at a time; a planner's few columns all at once, since it hands out everything due by a time.
        var take = select is null ? MaxRowsPerRead : int.MaxValue;
        var (rows, unreadable) = await ReadPendingAsync(filter, select, cancellationToken, take).ConfigureAwait(false);
        if (rows.Count == 0 && unreadable == 0)
        {
            await _due.TryRetireAsync(listed, cancellationToken).ConfigureAwait(false);
        }

        if (rows.Count >= take)
        {
            // A backlog: this much now, the rest on the next pass, which is then due at once.
            var part = Scan(rows, now, unreadable);
            return part with { NextDue = now };
        }

        var scan = Scan(rows, now, unreadable);
        if (scan is { Due.Count: 0, Busy: 0, Unreadable: 0, NextDue: { } next })
        {
            // Only retries waiting: no pass need read this partition again before the first falls due.
            await _due.TryPostponeAsync(listed, next, cancellationToken).ConfigureAwait(false);
        }

        return scan;
    }

    /// <summary>Of the given ids in one partition (a batch handed out earlier), those pending; one range query.</summary>
    public async Task<PendingScan> PendingAmongAsync(string partition, IReadOnlyCollection<string> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new PendingScan([], 0, null);
        }

        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var first = wanted.Min(StringComparer.Ordinal)!;
        var last = wanted.Max(StringComparer.Ordinal)!;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey le {last}") + " and " + PendingFilter;
        var (rows, unreadable) = await ReadPendingAsync(filter, null, cancellationToken).ConfigureAwait(false);
        return Scan(rows.FindAll(row => wanted.Contains(row.RowKey)), now, unreadable);
    }

    /// <summary>Notes that a partition's messages due up to <paramref name="through"/> were handed out; false when another planner did first.</summary>
    /// <param name="listed">The partition as read.</param>
    /// <param name="through">Messages due up to then were handed out.</param>
    /// <param name="renew">A new lease begins (the last one ran out, or there was none).</param>
    /// <param name="cancellationToken">Cancels the storage call.</param>
    public Task<bool> LeaseAsync(DuePartition listed, DateTimeOffset through, bool renew, CancellationToken cancellationToken = default) =>
        _due.TryLeaseAsync(listed, through, renew, cancellationToken);

    /// <summary>When the earliest pending message falls due (or a live claim ends), or null when nothing is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? next = null;
        foreach (var listed in await _due.DueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            if (!listed.IsDue(now))
            {
                next = PendingScan.Earlier(next, listed.NextDueAt);
                continue;
            }

            var scan = await PendingInAsync(listed, now, cancellationToken: cancellationToken).ConfigureAwait(false);
            next = PendingScan.Earlier(next, scan.Due.Count > 0 ? scan.Due[0].DueAt : scan.NextDue);
        }

        // Later minutes: the first that still holds something pending.
        for (var after = now; next is null;)
        {
            var minute = await _due.FirstMinuteAfterAsync(after, cancellationToken).ConfigureAwait(false);
            if (minute.Count == 0)
            {
                break;
            }

            foreach (var listed in minute)
            {
                next = PendingScan.Earlier(next, (await PendingInAsync(listed, now, cancellationToken: cancellationToken).ConfigureAwait(false)).NextDue);
            }

            after = MessageIds.MinuteOf(minute[0].Partition);
        }

        return next;
    }

    /// <summary>
    /// The start of the first minute after <paramref name="now"/>'s that has messages listed: one read, whatever waits.
    /// A dispatcher that looks again then reads that minute's partitions and finds the exact times.
    /// </summary>
    public async Task<DateTimeOffset?> NextMinuteAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await _due.FirstMinuteAfterAsync(now, cancellationToken).ConfigureAwait(false) is [var first, ..] ? MessageIds.MinuteOf(first.Partition) : null;

    /// <summary>Claims one due message; see the overload for many.</summary>
    public async Task<Claim> ClaimAsync(MessageEntity due, TimeSpan claimDuration, int maxAttempts, CancellationToken cancellationToken = default) =>
        (await ClaimAsync([due], claimDuration, maxAttempts, cancellationToken: cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Claims due messages for this dispatcher, by updating each to Claimed under its ETag, a partition's rows in one
    /// transaction: of two dispatchers, exactly one gets each message. A claim that expired unfinished counts as an
    /// attempt; when the attempts are used up the message is failed as "outcome unknown" instead of being sent again.
    /// </summary>
    /// <exception cref="RequestFailedException">Storage refused every claim.</exception>
    /// <param name="due">The messages, as read.</param>
    /// <param name="claimDuration">How long a claim holds.</param>
    /// <param name="maxAttempts">Attempts before a claim that expired unfinished fails the message.</param>
    /// <param name="verdicts">
    /// By message id, what to make of a message instead of claiming it (defer, hold, cancel). A message to hold must
    /// have been marked first (<see cref="MarkHeldAsync"/>).
    /// </param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<IReadOnlyList<Claim>> ClaimAsync(IReadOnlyList<MessageEntity> due, TimeSpan claimDuration, int maxAttempts, IReadOnlyDictionary<string, ClaimVerdict>? verdicts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(due);
        var claims = new Claim[due.Count];
        var current = due.Select((row, i) => (Index: i, Row: row)).ToList();
        var anyWritten = false;
        Exception? refused = null;
        for (var round = 1; current.Count > 0; round++)
        {
            var now = _time.GetUtcNow();
            var writes = new List<(int Index, MessageEntity Row, ClaimOutcome Outcome)>();
            foreach (var (i, read) in current)
            {
                var row = read.Copy();
                if (ClaimOne(row, now, claimDuration, maxAttempts, verdicts?.GetValueOrDefault(row.RowKey)) is { } decided)
                {
                    row.Bound();
                    writes.Add((i, row, decided));
                }
                else
                {
                    claims[i] = new Claim(ClaimOutcome.Busy, null);
                }
            }

            // A conflict means someone else is at these rows: rather than learn row by row, read the rest again in one
            // query and decide afresh (most will then be busy, and cost nothing more).
            await _changes.TouchAsync(writes.Select(w => w.Row.PartitionKey), cancellationToken).ConfigureAwait(false);
            var results = await RowBatches.ReplaceAsync(Messages, writes.ConvertAll(w => w.Row), cancellationToken, stopOnConflict: true).ConfigureAwait(false);
            var again = new List<string>();
            for (var n = 0; n < writes.Count; n++)
            {
                var (i, row, outcome) = writes[n];
                if (results[n] is null)
                {
                    claims[i] = new Claim(outcome, row);
                    anyWritten = true;
                }
                else if (ReferenceEquals(results[n], RowBatches.NotTried) && round < 3)
                {
                    again.Add(row.RowKey);
                }
                else
                {
                    refused ??= RowBatches.IsConflict(results[n]) || ReferenceEquals(results[n], RowBatches.NotTried) ? null : results[n];
                    claims[i] = new Claim(ClaimOutcome.Busy, null);
                }
            }

            current = [];
            if (again.Count > 0)
            {
                var fresh = new Dictionary<string, MessageEntity>(StringComparer.Ordinal);
                foreach (var partition in again.GroupBy(MessageIds.PartitionOf, StringComparer.Ordinal))
                {
                    foreach (var row in (await PendingAmongAsync(partition.Key, [.. partition], now, cancellationToken).ConfigureAwait(false)).Due)
                    {
                        fresh[row.RowKey] = row;
                    }
                }

                foreach (var id in again)
                {
                    var i = writes.First(w => w.Row.RowKey == id).Index;
                    if (fresh.TryGetValue(id, out var row))
                    {
                        current.Add((i, row));
                    }
                    else
                    {
                        claims[i] = new Claim(ClaimOutcome.Busy, null);
                    }
                }
            }
        }

        // Storage refused every claim (not a conflict: it is down or overloaded): the caller leaves them due.
        if (!anyWritten && refused is not null)
        {
            throw refused;
        }

        return claims;
    }

    /// <summary>
    /// Records that the provider accepted the message. This must never fail in a way that lets the mail go out again:
    /// if the full record cannot be written, a minimal one (status, time, provider id) is merged in its place.
    /// </summary>
    /// <param name="claimed">The message as claimed.</param>
    /// <param name="providerMessageId">The provider's id of the mail.</param>
    /// <param name="content">What was sent: kept with the message (bounded) until its customer is erased.</param>
    /// <param name="templateVersion">The version of the template it was rendered with.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task MarkSentAsync(MessageEntity claimed, string? providerMessageId, Templates.RenderedContent content, int templateVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(content);
        var now = _time.GetUtcNow();
        var (locale, subject, choices) = (content.Locale, content.Subject, content.Choices);
        var packed = SentContent.Pack(content.Subject, content.Html, content.Text);
        try
        {
            await CommitAsync(claimed, m =>
            {
                m.SentAt = now;
                m.ProviderMessageId = providerMessageId;
                m.RenderedLocale = locale;

                // Its customer was erased while it was being sent: what the mail said is not kept.
                m.Subject = m.Erased == true ? null : subject;
                m.Content = m.Erased == true ? null : packed;
                m.TemplateVersion = templateVersion;
                m.Choices = m.Erased != true && choices is { Count: > 0 } ? System.Text.Json.JsonSerializer.Serialize(choices, FollowUpJson.Options) : null;
                m.ClaimedUntil = null;
                m.Reason = null;
                // A delivery event may have come in before this record: the status goes as far as it says.
                var status = Enum.TryParse<MessageStatus>(m.DeliveryStage, out var reached) ? MessageStages.Further(MessageStatus.Sent, reached) : MessageStatus.Sent;
                m.Record(status, new MessageEvent(now, MessageEventKind.Sent, $"attempt {m.Attempts}, provider id {providerMessageId}, locale {locale}"));
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever failed (storage, a timeout, a bug), the mail is out: the ledger must say so.
            LogSentRecordFailed(_logger, ex.GetType().Name, claimed.RowKey);
            await MarkSentMinimallyAsync(claimed, providerMessageId, now, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts a claimed message back on the schedule for another attempt at <paramref name="dueAt"/>.</summary>
    public async Task RetryLaterAsync(MessageEntity claimed, string reason, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var now = _time.GetUtcNow();

        // It stays in its partition, which stays listed while anything in it is pending.
        await CommitAsync(claimed, m =>
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
        _signal.Notify(dueAt);
    }

    /// <summary>Ends a claimed message's life as failed or cancelled, with the reason.</summary>
    public async Task SettleAsync(MessageEntity claimed, MessageStatus status, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        if (status is not (MessageStatus.Failed or MessageStatus.Cancelled))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A claimed message settles as failed or cancelled.");
        }

        var now = _time.GetUtcNow();
        await CommitAsync(claimed, m =>
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
    }

    /// <summary>
    /// Records that the recipient opened an answer link (a person, or a mail scanner that follows every link): the
    /// message counts as clicked, and no answer is recorded. Each answer's first opening only.
    /// </summary>
    public async Task<(ResponseOutcome Outcome, MessageEntity? Message)> ClickAsync(string messageId, string answer, CancellationToken cancellationToken = default)
    {
        var outcome = ResponseOutcome.NotFound;
        MessageEntity? seen = null;
        var now = _time.GetUtcNow();
        var detail = $"opened the answer link for '{answer}'";
        var written = await TransitionAsync(messageId, null, m =>
        {
            seen = m;
            if (m.Erased == true)
            {
                // Its customer asked to be forgotten: nothing more is recorded about them.
                return false;
            }

            if (!MessageStages.WentOut(m.GetStatus()))
            {
                outcome = ResponseOutcome.NotSent;
                return false;
            }

            if (m.GetHistory().Exists(e => e.Kind == MessageEventKind.Clicked && e.Detail == detail))
            {
                outcome = ResponseOutcome.AlreadyRecorded;
                return false;
            }

            m.Record(MessageStages.Further(m.GetStatus(), MessageStatus.Clicked), new MessageEvent(now, MessageEventKind.Clicked, detail));
            outcome = ResponseOutcome.Recorded;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return (outcome, written ?? seen);
    }

    /// <summary>
    /// Records a customer's answer on a sent message, confirmed by them on the answer page, with what they wrote; the
    /// same answer and comment twice changes nothing.
    /// </summary>
    /// <param name="messageId">The message the link belongs to.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="comment">What the customer wrote; empty to remove what they wrote before, null to keep it.</param>
    /// <param name="offeredOnly">
    /// True when the answer was chosen on the page rather than carried by the signed link: it must then be one the
    /// message's links offered.
    /// </param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<(ResponseOutcome Outcome, MessageEntity? Message)> AnswerAsync(string messageId, string answer, string? comment = null, bool offeredOnly = false, CancellationToken cancellationToken = default)
    {
        var outcome = ResponseOutcome.NotFound;
        MessageEntity? seen = null;
        var now = _time.GetUtcNow();
        var written = await TransitionAsync(messageId, null, m =>
        {
            seen = m;
            if (m.Erased == true)
            {
                return false;
            }

            if (!MessageStages.WentOut(m.GetStatus()))
            {
                outcome = ResponseOutcome.NotSent;
                return false;
            }

            if (offeredOnly && !m.GetChoices().Any(choice => choice.Answer == answer))
            {
                outcome = ResponseOutcome.NotOffered;
                return false;
            }

            // An empty comment is one the customer emptied on the page: it removes the one they wrote before.
            var commentChanged = comment is not null && comment != (m.Comment ?? string.Empty);
            if (m.Answer == answer && !commentChanged)
            {
                outcome = ResponseOutcome.AlreadyRecorded;
                return false;
            }

            var detail = m.Answer is null || m.Answer == answer ? answer : $"{answer} (changed from {m.Answer})";
            if (commentChanged)
            {
                detail += comment!.Length == 0 ? ", comment removed" : m.Comment is null ? ", with a comment" : ", with a changed comment";
                m.Comment = comment.Length == 0 ? null : comment;
            }

            m.Answer = answer;
            m.AnsweredAt = now;
            m.AnsweredIndex = m.HistoryDropped + m.GetHistory().Count;
            var score = AnswerScore.Of(answer);
            m.ScoreScale = score?.Scale;
            m.Score = score?.Value;
            m.Record(MessageStages.Further(m.GetStatus(), MessageStatus.Answered), new MessageEvent(now, MessageEventKind.Answered, detail));
            outcome = ResponseOutcome.Recorded;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return (outcome, written ?? seen);
    }

    /// <summary>
    /// Records on the message that an alert about its answers up to ledger index <paramref name="through"/> went out
    /// (or could not), once: false when one covering them was recorded already.
    /// </summary>
    public async Task<bool> RecordAlertAsync(string messageId, int through, string detail, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var written = await TransitionAsync(messageId, null, m =>
        {
            if (m.AlertedThrough >= through)
            {
                return false;
            }

            m.AlertedThrough = through;
            m.Record(m.GetStatus(), new MessageEvent(now, MessageEventKind.Alerted, detail));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return written is not null;
    }

    /// <summary>
    /// Erases a message's personal data — the address, the render model, the subject, the comment, the words of its
    /// answers — and cancels it if it is still to be sent (one being sent goes ahead, with no further attempt). The
    /// answer, score and ledger stay, free of personal data, so reports keep their counts. Idempotent; false when the
    /// message is not there.
    /// </summary>
    /// <param name="messageId">The message.</param>
    /// <param name="reason">Why, for the ledger.</param>
    /// <param name="pseudonym">What takes the customer id's place (a keyed hash of it).</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<(bool Found, bool Cancelled)> EraseAsync(string messageId, string reason, string pseudonym, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var cancelled = false;
        var found = false;
        await TransitionAsync(messageId, null, m =>
        {
            found = true;
            cancelled = false;
            if (m.Erased == true)
            {
                return false;
            }

            m.Email = string.Empty;
            m.CustomerId = pseudonym;
            m.Model = "{}";
            m.Subject = null;
            m.Content = null;
            m.Comment = null;
            m.Choices = null;
            m.TimeZone = null;
            m.Erased = true;
            var status = m.GetStatus();
            if (status == MessageStatus.Claimed && m.ClaimedUntil > now)
            {
                m.CancelRequested ??= reason;
                m.Record(status, new MessageEvent(now, MessageEventKind.Cancelled, $"{reason}, while it was being sent: no further attempt"));
            }
            else if (m.IsPending(now) || status == MessageStatus.Held)
            {
                m.Reason = reason;
                m.ClaimedUntil = null;
                m.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, reason));
                cancelled = true;
            }

            m.Record(m.GetStatus(), new MessageEvent(now, MessageEventKind.Erased, "the customer's personal data was erased"));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return (found, cancelled);
    }

    /// <summary>Notes on the message that its recipient unsubscribed through it.</summary>
    public async Task NoteUnsubscribedAsync(string messageId, string detail, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await TransitionAsync(messageId, null, m =>
        {
            if (m.GetHistory().Any(e => e.Kind == MessageEventKind.Unsubscribed))
            {
                return false;
            }

            var status = m.GetStatus();
            m.Record(MessageStages.WentOut(status) ? MessageStages.Further(status, MessageStatus.Unsubscribed) : status, new MessageEvent(now, MessageEventKind.Unsubscribed, detail));
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a delivery event from the provider on the message it names, once: <paramref name="eventId"/> (the
    /// provider's own id, which its retries repeat) is remembered on the message. A sent message's status moves to the
    /// furthest stage; a message whose send is still being recorded keeps the stage for that record.
    /// </summary>
    /// <param name="messageId">The message, from the event's custom argument.</param>
    /// <param name="eventId">The provider's id of the event.</param>
    /// <param name="reached">The stage the event shows, or null for one that shows none (processed, deferred).</param>
    /// <param name="detail">The ledger's words, already free of personal data.</param>
    /// <param name="at">When the provider saw it happen.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<DeliveryOutcome> RecordDeliveryAsync(string messageId, string eventId, MessageStatus? reached, string detail, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var outcome = DeliveryOutcome.UnknownMessage;
        var written = await TransitionAsync(messageId, null, m =>
        {
            var seen = (m.ProviderEvents ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (seen.Contains(eventId, StringComparer.Ordinal))
            {
                outcome = DeliveryOutcome.Duplicate;
                return false;
            }

            // The newest ids: the provider retries a delivery of events for a day, a few at a time.
            m.ProviderEvents = string.Join(',', seen.Append(eventId).TakeLast(MaxProviderEvents));
            var status = m.GetStatus();
            if (reached is { } stage)
            {
                if (MessageStages.WentOut(status))
                {
                    status = MessageStages.Further(status, stage);
                }
                else
                {
                    m.DeliveryStage = (Enum.TryParse<MessageStatus>(m.DeliveryStage, out var earlier) ? MessageStages.Further(earlier, stage) : stage).ToString();
                }
            }

            m.Record(status, new MessageEvent(at, MessageEventKind.Delivery, detail) { Reached = reached });
            outcome = DeliveryOutcome.Recorded;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return written is null && outcome == DeliveryOutcome.Recorded ? DeliveryOutcome.UnknownMessage : outcome;
    }


    /// <summary>Whether the row is one a dispatcher may claim now, and if so what claiming it makes of it; null when another holds it.</summary>
    private static ClaimOutcome? ClaimOne(MessageEntity message, DateTimeOffset now, TimeSpan claimDuration, int maxAttempts, ClaimVerdict? verdict)
    {
        if (message.GetStatus() == MessageStatus.Claimed && message.ClaimedUntil > now)
        {
            return null;
        }

        var reclaimed = message.GetStatus() == MessageStatus.Claimed;
        if (message.CancelRequested is null && reclaimed && message.Attempts >= maxAttempts)
        {
            // Decided before any deferral, hold or expiry: the lost attempt may have sent it, so nothing may lead to
            // another attempt, nor may the ledger say it was never sent.
            return GiveUp(message, now, maxAttempts);
        }

        var cancel = message.CancelRequested
            ?? (message.ExpiresAt < now ? Expired(message, null)
            : verdict is { Outcome: ClaimOutcome.Cancelled } ? verdict.Reason
            : verdict is { Outcome: ClaimOutcome.Deferred, DeferTo: { } late } && message.ExpiresAt < late ? Expired(message, verdict.Reason)
            : null);
        if (cancel is not null)
        {
            message.ClaimedUntil = null;
            message.Reason = cancel;
            message.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, cancel));
            return ClaimOutcome.Cancelled;
        }

        if (verdict is { Outcome: ClaimOutcome.Deferred, DeferTo: { } to })
        {
            message.ClaimedUntil = null;
            message.DueAt = MessageIds.Truncate(to);
            message.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.Deferred, verdict.Reason));
            return ClaimOutcome.Deferred;
        }

        if (verdict is { Outcome: ClaimOutcome.Held })
        {
            message.ClaimedUntil = null;
            message.Record(MessageStatus.Held, new MessageEvent(now, MessageEventKind.Held, verdict.Reason));
            return ClaimOutcome.Held;
        }

        message.Attempts++;
        message.ClaimedUntil = now + claimDuration;
        message.Record(MessageStatus.Claimed, new MessageEvent(now, MessageEventKind.Claimed, reclaimed
            ? $"attempt {message.Attempts}, after an earlier claim expired unfinished"
            : $"attempt {message.Attempts}"));
        return ClaimOutcome.Claimed;
    }

    private static ClaimOutcome GiveUp(MessageEntity message, DateTimeOffset now, int maxAttempts)
    {
        var reason = $"outcome unknown: attempt {message.Attempts} stopped before its result was recorded, and all {maxAttempts} attempts are used; not retried, so that it is never sent twice";
        message.ClaimedUntil = null;
        message.Reason = reason;
        message.Record(MessageStatus.Failed, new MessageEvent(now, MessageEventKind.Failed, reason));
        return ClaimOutcome.GaveUp;
    }

    /// <summary>The reason of a message that could not go out before its <see cref="MessageEntity.ExpiresAt"/>.</summary>
    internal static string Expired(MessageEntity message, string? because) =>
        $"expired: not sent by {message.ExpiresAt:yyyy-MM-dd HH:mm} UTC, the latest its rule allows after its due time (expiresAfter)"
        + (because is null ? string.Empty : $"; it would have been {because}");

    /// <summary>Notes that these messages of <paramref name="ruleId"/> are about to be held, so that enabling or deleting the rule finds them.</summary>
    public Task MarkHeldAsync(string ruleId, IEnumerable<string> messageIds, CancellationToken cancellationToken = default) =>
        _held.MarkAsync(ruleId, messageIds, cancellationToken);

    /// <summary>
    /// Puts the messages held for <paramref name="ruleId"/> back on the schedule, each at the time
    /// <paramref name="retime"/> gives (with the deferral's words when that is later than now); one past its expiry is
    /// cancelled as expired instead.
    /// </summary>
    /// <param name="ruleId">The rule, enabled.</param>
    /// <param name="retime">When a released message is due, and the deferral's words if that is later than now.</param>
    /// <param name="max">At most this many (a request's share; the sweep takes the rest).</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>How many were released and how many expired.</returns>
    public async Task<(int Released, int Expired)> ReleaseHeldAsync(string ruleId, Func<MessageEntity, DateTimeOffset, (DateTimeOffset At, string? Deferral)> retime, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retime);
        var (released, expired) = (0, 0);
        foreach (var id in await _held.ListAsync(ruleId, max, cancellationToken).ConfigureAwait(false))
        {
            var now = _time.GetUtcNow();
            var written = await TransitionAsync(id, null, m =>
            {
                if (m.GetStatus() != MessageStatus.Held)
                {
                    return false;
                }

                var (at, deferral) = retime(m, now);
                at = MessageIds.Truncate(at < now ? now : at);
                if (m.ExpiresAt < at)
                {
                    m.Reason = Expired(m, deferral ?? "released when its rule was enabled again");
                    m.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, m.Reason));
                    return true;
                }

                m.DueAt = at;
                m.Reason = null;
                m.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.Released, $"rule {ruleId} was enabled again; due {at:yyyy-MM-dd HH:mm} UTC"));
                if (deferral is not null)
                {
                    m.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.Deferred, deferral));
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
            released += written?.GetStatus() == MessageStatus.Scheduled ? 1 : 0;
            expired += written?.GetStatus() == MessageStatus.Cancelled ? 1 : 0;
            await SettleMarkerAsync(ruleId, id, written, cancellationToken).ConfigureAwait(false);
        }

        return (released, expired);
    }

    /// <summary>
    /// After a release or cancel of a held message: a message pending again is listed as due (again, should a crash
    /// have come between its write and the listing) and its marker kept, since a hold may still be on its way to it;
    /// a message past holding (sent, settled) loses its marker.
    /// </summary>
    private async Task SettleMarkerAsync(string ruleId, string id, MessageEntity? written, CancellationToken cancellationToken)
    {
        var message = written ?? await GetAsync(id, cancellationToken).ConfigureAwait(false);
        switch (message?.GetStatus())
        {
            case MessageStatus.Held:
                return;
            case MessageStatus.Scheduled or MessageStatus.Claimed:
                await EnsureScheduledAsync(message, cancellationToken).ConfigureAwait(false);
                if (written is null)
                {
                    // Found pending without this call having released it: a hold may be about to land; the marker stays for it.
                    return;
                }

                break;
        }

        await _held.RemoveAsync(ruleId, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves a scheduled message from <paramref name="from"/> to <paramref name="to"/>: later when a message of a higher
    /// priority takes its place under the caps, sooner (never before its id's minute) when what was in its way is gone.
    /// One that has moved on meanwhile (claimed, sent, cancelled, moved) is left.
    /// </summary>
    public async Task RetimeAsync(string messageId, DateTimeOffset from, DateTimeOffset to, string deferral, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var written = await TransitionAsync(messageId, null, m =>
        {
            if (m.GetStatus() != MessageStatus.Scheduled || m.DueAt != from || to == from || to < MessageIds.MinuteOf(messageId))
            {
                return false;
            }

            m.DueAt = MessageIds.Truncate(to);
            m.Record(MessageStatus.Scheduled, new MessageEvent(now, to > from ? MessageEventKind.Deferred : MessageEventKind.BroughtForward, deferral));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (written is not null)
        {
            await EnsureScheduledAsync(written, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The rules that have messages held.</summary>
    public Task<List<string>> HeldRulesAsync(CancellationToken cancellationToken = default) => _held.RulesAsync(cancellationToken);

    /// <summary>Cancels the messages held for <paramref name="ruleId"/> with the reason (its rule was deleted).</summary>
    public async Task<int> CancelHeldAsync(string ruleId, string reason, CancellationToken cancellationToken = default)
    {
        var cancelled = 0;
        foreach (var id in await _held.ListAsync(ruleId, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            var now = _time.GetUtcNow();
            var written = await TransitionAsync(id, null, m =>
            {
                if (m.GetStatus() != MessageStatus.Held)
                {
                    return false;
                }

                m.Reason = reason;
                m.Record(MessageStatus.Cancelled, new MessageEvent(now, MessageEventKind.Cancelled, reason));
                return true;
            }, cancellationToken).ConfigureAwait(false);
            cancelled += written is null ? 0 : 1;
            await SettleMarkerAsync(ruleId, id, written, cancellationToken).ConfigureAwait(false);
        }

        return cancelled;
    }

    private static PendingScan Scan(List<MessageEntity> rows, DateTimeOffset now, int unreadable)
    {
        var due = new List<MessageEntity>();
        var busy = 0;
        DateTimeOffset? next = null;
        foreach (var row in rows)
        {
            var status = row.GetStatus();
            if (status == MessageStatus.Claimed && row.ClaimedUntil > now)
            {
                busy++;
                next = PendingScan.Earlier(next, row.ClaimedUntil);
            }
            else if (status == MessageStatus.Claimed || row.DueAt <= now)
            {
                due.Add(row);
            }
            else
            {
                next = PendingScan.Earlier(next, row.DueAt);
            }
        }

        due.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return new PendingScan(due, busy, next, unreadable);
    }

    /// <summary>
    /// Reads pending rows. A row that cannot be read as a message (written by hand, or by a bug) would make the whole
    /// query fail; then each row is read on its own, and those that still cannot be read are failed with the reason, so
    /// that one bad row never holds up its partition.
    /// </summary>
    private async Task<(List<MessageEntity> Rows, int Unreadable)> ReadPendingAsync(string filter, IEnumerable<string>? select, CancellationToken cancellationToken, int take = int.MaxValue)
    {
        var rows = new List<MessageEntity>();
        try
        {
            await foreach (var row in Messages.QueryAsync<MessageEntity>(filter, maxPerPage: Math.Min(take, 1000), select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (Enum.TryParse<MessageStatus>(row.Status, out _))
                {
                    rows.Add(row);
                }

                if (rows.Count >= take)
                {
                    break;
                }
            }

            return (rows, 0);
        }
        catch (Exception ex) when (ex is not (RequestFailedException or OperationCanceledException))
        {
            rows.Clear();
        }

        var unreadable = 0;
        await foreach (var key in Messages.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var row = await Messages.GetEntityAsync<MessageEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                rows.Add(row.Value);
            }
            catch (Exception ex) when (ex is not (RequestFailedException or OperationCanceledException))
            {
                unreadable++;
                await FailUnreadableAsync(key, ex, cancellationToken).ConfigureAwait(false);
            }
        }

        return (rows, unreadable);
    }

    private async Task FailUnreadableAsync(TableEntity key, Exception error, CancellationToken cancellationToken)
    {
        var reason = $"the stored row could not be read ({error.GetType().Name}); not sent";
        LogUnreadable(_logger, key.RowKey, reason);
        try
        {
            await Messages.UpdateEntityAsync(
                new TableEntity(key.PartitionKey, key.RowKey) { [nameof(MessageEntity.Status)] = nameof(MessageStatus.Failed), [nameof(MessageEntity.Reason)] = reason },
                key.ETag,
                TableUpdateMode.Merge,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Changed meanwhile: the next pass reads it again.
        }
    }

    /// <summary>What the change feed reads of a changed message: enough to count it and describe its events, not its address or model.</summary>
    private static readonly string[] CountingColumns =
    [
        "PartitionKey", "RowKey", "Timestamp", nameof(MessageEntity.RuleId), nameof(MessageEntity.EventType), nameof(MessageEntity.Phase),
        nameof(MessageEntity.Status), nameof(MessageEntity.Reached), nameof(MessageEntity.StandIn), nameof(MessageEntity.CreatedAt),
        nameof(MessageEntity.SentAt), nameof(MessageEntity.AnsweredAt), nameof(MessageEntity.Answer), nameof(MessageEntity.Feed),
        nameof(MessageEntity.Counted), nameof(MessageEntity.CountedVersion), nameof(MessageEntity.Counting), nameof(MessageEntity.CountingVersion),
        nameof(MessageEntity.DueAt), nameof(MessageEntity.ClaimedUntil), nameof(MessageEntity.Published), nameof(MessageEntity.CustomerId), nameof(MessageEntity.TemplateId), nameof(MessageEntity.SubjectKind),
        nameof(MessageEntity.SubjectId), nameof(MessageEntity.Category), nameof(MessageEntity.Reminder), nameof(MessageEntity.Score),
        nameof(MessageEntity.ScoreScale), nameof(MessageEntity.Comment), nameof(MessageEntity.AlertedThrough), nameof(MessageEntity.AnsweredIndex),
        nameof(MessageEntity.Entries), nameof(MessageEntity.Erased),
    ];

    /// <summary>What the change feed reads when a webhook subscription wants ledger entries: the ledger too.</summary>
    private static readonly string[] PublishingColumns = [.. CountingColumns, nameof(MessageEntity.History), nameof(MessageEntity.HistoryDropped)];

    /// <summary>The partitions listed as holding messages changed since reports counted them.</summary>
    public Task<IReadOnlyList<ChangedPartition>> ChangedPartitionsAsync(int max, CancellationToken cancellationToken = default) =>
        _changes.ListAsync(max, cancellationToken);

    /// <summary>Drops a partition from the list once nothing in it is left to count and nobody wrote there lately.</summary>
    public Task RetireChangedAsync(ChangedPartition listed, CancellationToken cancellationToken = default) =>
        _changes.TryRetireAsync(listed, cancellationToken);

    /// <summary>The messages of <paramref name="partition"/> changed since reports counted them, with only the columns counting needs.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="max">At most this many.</param>
    /// <param name="withLedger">Also the ledger (up to 30,000 characters a row), for webhooks; without it <see cref="MessageEntity.History"/> is empty.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<IReadOnlyList<MessageEntity>> ChangedInAsync(string partition, int max, bool withLedger = true, CancellationToken cancellationToken = default)
    {
        var rows = new List<MessageEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Feed eq true");
        await foreach (var row in Messages.QueryAsync<MessageEntity>(filter, maxPerPage: Math.Min(max, 1000), select: withLedger ? PublishingColumns : CountingColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>
    /// Notes on each row the count about to be made (<see cref="MessageEntity.Counting"/>, set by the caller) before
    /// counters are changed, so that a count cut short is finished as begun. Returns the rows noted; a row changed
    /// since it was read is left for the next pass.
    /// </summary>
    public Task<IReadOnlyList<MessageEntity>> BeginCountAsync(IReadOnlyList<MessageEntity> rows, CancellationToken cancellationToken = default) =>
        MergeAsync(rows, row => new TableEntity(row.PartitionKey, row.RowKey)
        {
            [nameof(MessageEntity.Counting)] = row.Counting,
            [nameof(MessageEntity.CountingVersion)] = row.CountingVersion,
        }, cancellationToken);

    /// <summary>
    /// Records a count as made: what was counting becomes counted. A row that changed meanwhile is read again and
    /// finished as it now is, still marked changed, so that the next pass counts the change.
    /// </summary>
    /// <param name="rows">The rows, as begun.</param>
    /// <param name="clearFeed">
    /// False for counts begun by another pass: what changed after it began is not in it, so the row stays marked for
    /// the next pass to count.
    /// </param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task FinishCountAsync(IReadOnlyList<MessageEntity> rows, bool clearFeed = true, CancellationToken cancellationToken = default)
    {
        var finished = await MergeAsync(rows, row => Finished(row, clearFeed), cancellationToken).ConfigureAwait(false);
        foreach (var row in rows.Where(row => !finished.Contains(row)))
        {
            for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
            {
                var current = await GetAsync(row.RowKey, cancellationToken).ConfigureAwait(false);
                if (current is null || current.CountingVersion != row.CountingVersion || string.IsNullOrEmpty(current.Counting))
                {
                    break;
                }

                current.Published = Math.Max(current.Published ?? 0, row.Published ?? 0);

                try
                {
                    await Messages.UpdateEntityAsync(Finished(current, clearFeed: false), current.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                }
            }
        }

        static TableEntity Finished(MessageEntity row, bool clearFeed)
        {
            var entity = new TableEntity(row.PartitionKey, row.RowKey)
            {
                [nameof(MessageEntity.Counted)] = row.Counting,
                [nameof(MessageEntity.CountedVersion)] = row.CountingVersion,
                [nameof(MessageEntity.Counting)] = string.Empty,
                [nameof(MessageEntity.CountingVersion)] = 0,
                [nameof(MessageEntity.Published)] = row.Published,
            };
            if (clearFeed)
            {
                entity[nameof(MessageEntity.Feed)] = false;
            }

            return entity;
        }
    }

    /// <summary>Marks rows whose change left nothing new to count as handled, with the ledger entries handed on (<see cref="MessageEntity.Published"/>).</summary>
    public async Task ClearChangedAsync(IReadOnlyList<MessageEntity> rows, CancellationToken cancellationToken = default)
    {
        var cleared = await MergeAsync(rows, row => new TableEntity(row.PartitionKey, row.RowKey) { [nameof(MessageEntity.Feed)] = false, [nameof(MessageEntity.Published)] = row.Published }, cancellationToken).ConfigureAwait(false);

        // Changed meanwhile: it stays marked for the next pass, but what was handed on is recorded all the same.
        await RecordPublishedAsync([.. rows.Where(row => !cleared.Contains(row))], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records how far each row's ledger was handed on, never less than before, leaving its mark alone.</summary>
    public async Task RecordPublishedAsync(IReadOnlyList<MessageEntity> rows, CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
            {
                var current = await Messages.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, select: ["PartitionKey", "RowKey", nameof(MessageEntity.Published)], cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!current.HasValue || (current.Value!.GetInt32(nameof(MessageEntity.Published)) ?? -1) >= row.Published)
                {
                    break;
                }

                try
                {
                    await Messages.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { [nameof(MessageEntity.Published)] = row.Published }, current.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                }
            }
        }
    }

    /// <summary>Merges a few columns into rows of one partition under their ETags, a transaction per 100; the rows written come back with new ETags.</summary>
    private async Task<IReadOnlyList<MessageEntity>> MergeAsync(IReadOnlyList<MessageEntity> rows, Func<MessageEntity, TableEntity> columns, CancellationToken cancellationToken)
    {
        var written = new List<MessageEntity>();
        foreach (var chunk in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal).SelectMany(group => group.Chunk(RowBatches.MaxRows)))
        {
            try
            {
                var response = await Messages.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateMerge, columns(row), row.ETag)), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i].ETag = response.Value[i].Headers.ETag ?? chunk[i].ETag;
                    written.Add(chunk[i]);
                }
            }
            catch (TableTransactionFailedException)
            {
                // One row changed since it was read: the others one by one.
                foreach (var row in chunk)
                {
                    try
                    {
                        var response = await Messages.UpdateEntityAsync(columns(row), row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                        row.ETag = response.Headers.ETag ?? row.ETag;
                        written.Add(row);
                    }
                    catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                    {
                    }
                }
            }
        }

        return written;
    }

    /// <summary>
    /// A dispatcher's outcome for a claimed row, written together with the outcomes of its other sends. If the row
    /// changed since the claim (a cancel arrived), <paramref name="apply"/> decides afresh on what is there now.
    /// </summary>
    private async Task<MessageEntity?> CommitAsync(MessageEntity claimed, Func<MessageEntity, bool> apply, CancellationToken cancellationToken)
    {
        var changed = claimed.Copy();
        if (!apply(changed))
        {
            return null;
        }

        changed.Bound();
        await _changes.TouchAsync(changed.PartitionKey, cancellationToken).ConfigureAwait(false);
        var failure = await _outcomes.WriteAsync(changed).ConfigureAwait(false);
        if (failure is null)
        {
            return changed;
        }

        return RowBatches.IsConflict(failure)
            ? await TransitionAsync(claimed.RowKey, null, apply, cancellationToken).ConfigureAwait(false)
            : await TransitionAsync(claimed.RowKey, claimed, apply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one read-modify-write of a single message row: <paramref name="apply"/> changes the row (or returns false to
    /// leave it), and the change is written under the row's ETag. If someone wrote in between, the row is read again and
    /// <paramref name="apply"/> decides afresh on what is there now.
    /// </summary>
    /// <returns>The row as written, or null when there was no row or <paramref name="apply"/> left it.</returns>
    private async Task<MessageEntity?> TransitionAsync(string messageId, MessageEntity? known, Func<MessageEntity, bool> apply, CancellationToken cancellationToken)
    {
        var current = known?.Copy();
        for (var attempt = 1; ; attempt++)
        {
            current ??= await GetAsync(messageId, cancellationToken).ConfigureAwait(false);
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
        await _changes.TouchAsync(message.PartitionKey, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await Messages.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
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
            [nameof(MessageEntity.Feed)] = true,
        };
        // Storage may be away for a while: keep trying for about half a minute (well inside any valid claim), since
        // giving up here is what would let the claim expire and the mail go out again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _changes.TouchAsync(claimed.PartitionKey, cancellationToken).ConfigureAwait(false);
                await Messages.UpdateEntityAsync(minimal, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < 5 && (StorageFailure.Is(ex) || ex is TimeoutException or IOException))
            {
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A dispatcher's outcome applies only while the row is still the claim it made (not cancelled or taken over).</summary>
    private static bool StillOurs(MessageEntity current, MessageEntity claimed) =>
        current.GetStatus() == MessageStatus.Claimed && current.Attempts == claimed.Attempts;

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} was accepted by the provider but its record could not be written in full ({Error}); writing a minimal one")]
    private static partial void LogSentRecordFailed(ILogger logger, string error, string messageId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Message {MessageId}: {Reason}; the row is left for a person to look at")]
    private static partial void LogUnreadable(ILogger logger, string messageId, string reason);
}
