using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Sending;
using FollowUp.Telemetry;
using FollowUp.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Dispatch;

/// <summary>
/// Sends what is due. Each message is claimed (<see cref="MessageLife.ClaimAsync"/>) before anything else happens,
/// so two dispatchers never both send it; a claim expires, so a dispatcher that dies mid-way loses nothing. Every
/// outcome — sent, retry with backoff, failed, cancelled — is recorded on the message with its reason, and a fault
/// while handling one message is recorded on that message: no message can stop a pass.
/// </summary>
public sealed partial class MessageDispatcher(
    MessageLife life,
    CustomerRecords customers,
    RuleBook rules,
    SendTiming timing,
    Suppressions suppressions,
    TemplateLibrary templates,
    TemplateRenderer renderer,
    LinkSigner links,
    IMailSender sender,
    IOptions<SendGridOptions> sendGrid,
    IOptions<DispatchOptions> options,
    IOptions<FollowUpOptions> followUp,
    TimeProvider time,
    ILogger<MessageDispatcher> logger)
{
    /// <summary>How stale the suppression list may be when a chunk is sent: an unsubscribe this recent may still race a send.</summary>
    private static readonly TimeSpan SuppressionsMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>How far ahead of this instance's clock a planner's may be and still be believed.</summary>
    private static readonly TimeSpan MaxPlannerLead = TimeSpan.FromMinutes(1);

    /// <summary>What a planner reads of a due message: enough to tell whether it is due, and its id.</summary>
    private static readonly string[] PlanColumns = ["PartitionKey", "RowKey", nameof(MessageEntity.Status), nameof(MessageEntity.DueAt), nameof(MessageEntity.ClaimedUntil)];

    private static readonly TimeSpan HeldSweepEvery = TimeSpan.FromMinutes(1);

    private long _lastSweep;

    private DispatchOptions Options => options.Value;

    private Backoff Backoff => new(Options.RetryBaseDelay, Options.MaxRetryDelay);

    /// <summary>
    /// Sends everything due now: each listed partition is read once, its due messages claimed up to 100 in one
    /// transaction, sent side by side, and their outcomes written together. Storage requests follow the messages due,
    /// never those waiting for later.
    /// </summary>
    public async Task<DispatchSummary> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Counts();
        var now = time.GetUtcNow();
        DateTimeOffset? next = null;
        await SweepHeldAsync(now, cancellationToken).ConfigureAwait(false);
        var listed = await life.DuePartitionsAsync(now, cancellationToken).ConfigureAwait(false);
        foreach (var later in listed.Where(p => !p.IsDue(now)))
        {
            next = PendingScan.Earlier(next, later.NextDueAt);
        }

        // The partitions are read side by side: a message falling due waits for one read, not one per partition.
        var due = listed.Where(p => p.IsDue(now)).ToArray();
        var scans = new PendingScan?[due.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, due.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, _) => scans[i] = await ScanAsync(() => life.PendingInAsync(due[i], now, cancellationToken: cancellationToken), counts).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var scan in scans)
        {
            next = PendingScan.Earlier(next, scan?.NextDue);
        }

        await ProcessAsync(scans.SelectMany(scan => scan?.Due ?? []), counts, cancellationToken).ConfigureAwait(false);

        next = PendingScan.Earlier(next, await life.NextMinuteAsync(now, cancellationToken).ConfigureAwait(false));
        return Summarize(counts, next);
    }

    /// <summary>
    /// For a dispatcher spread over several workers (the Functions timer): finds what is due, leases it for
    /// <see cref="DispatchOptions.HandOutLease"/> so that the next look does not hand it out again, and returns it in
    /// batches for <see cref="DispatchBatchAsync"/>. Work handed out and never done is handed out again after the lease.
    /// </summary>
    public async Task<IReadOnlyList<DispatchBatch>> PlanAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var batches = new List<DispatchBatch>();
        await SweepHeldAsync(now, cancellationToken).ConfigureAwait(false);
        foreach (var listed in await life.DuePartitionsAsync(now, cancellationToken).ConfigureAwait(false))
        {
            if (!listed.IsDue(now))
            {
                continue;
            }

            try
            {
                var scan = await life.PendingInAsync(listed, now, PlanColumns, cancellationToken).ConfigureAwait(false);

                // Within the lease, only what fell due since the last hand-out; after it, everything still pending. In
                // key order, so that each batch is a key range of its own and its sender reads only its own rows.
                var leaseStart = listed.LeasedAt ?? listed.HandedOutAt;
                var leased = leaseStart is { } at && at + Options.HandOutLease > now ? listed.HandedOutThrough : null;
                var ids = scan.Due.Where(m => leased is null || m.DueAt > leased).Select(m => m.RowKey).Order(StringComparer.Ordinal).ToList();
                if (ids.Count == 0 || !await life.LeaseAsync(listed, now, renew: leased is null, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                batches.AddRange(ids.Chunk(Math.Clamp(Options.BatchSize, 1, DispatchBatch.MaxIds)).Select(chunk => new DispatchBatch(listed.Partition, chunk) { DueBy = now }));
            }
            catch (Exception ex) when (Storage.StorageFailure.Is(ex))
            {
                // That partition is handed out on a later look; the others go now.
                LogPartitionUnavailable(logger, ex.GetType().Name);
            }
        }

        return batches;
    }

    /// <summary>Sends one batch that <see cref="PlanAsync"/> handed out; ids no longer due are skipped.</summary>
    public async Task<DispatchSummary> DispatchBatchAsync(DispatchBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var counts = new Counts();
        // Due by the planner's clock, should this instance's run a little behind (but never far ahead of its own).
        var now = time.GetUtcNow();
        var dueBy = batch.DueBy is { } planned && planned > now ? (planned < now + MaxPlannerLead ? planned : now + MaxPlannerLead) : now;
        var scan = await life.PendingAmongAsync(batch.Partition, batch.Ids, dueBy, cancellationToken).ConfigureAwait(false);
        counts.Add(DispatchOutcome.Stale, batch.Ids.Count - scan.Due.Count - scan.Busy - scan.Unreadable);
        counts.Add(DispatchOutcome.Busy, scan.Busy);
        counts.Add(DispatchOutcome.Failed, scan.Unreadable);
        await ProcessAsync(scan.Due, counts, cancellationToken).ConfigureAwait(false);
        return Summarize(counts, scan.NextDue);
    }

    /// <summary>When the earliest pending message falls due, or null when nothing is scheduled.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => life.NextDueAsync(cancellationToken);

    /// <summary>Reads one partition; a partition storage cannot read now is left for the next pass, not the end of this one.</summary>
    private async Task<PendingScan?> ScanAsync(Func<Task<PendingScan>> read, Counts counts)
    {
        try
        {
            var scan = await read().ConfigureAwait(false);
            counts.Add(DispatchOutcome.Busy, scan.Busy);
            counts.Add(DispatchOutcome.Failed, scan.Unreadable);
            return scan;
        }
        catch (Exception ex) when (Storage.StorageFailure.Is(ex))
        {
            LogPartitionUnavailable(logger, ex.GetType().Name);
            counts.Add(DispatchOutcome.Faulted, 1);
            return null;
        }
    }

    /// <summary>
    /// Sends due messages, claimed a wave at a time: each wave is of one partition, one request, and no larger than the
    /// sends that start at once, so a claimed message is always one being sent — a cancel or an unsubscribe before its
    /// send starts still stops it, and a host that stops leaves no claim it had not started on. Two waves overlap, so
    /// that claiming one does not leave the sends idle.
    /// </summary>
    private async Task ProcessAsync(IEnumerable<MessageEntity> due, Counts counts, CancellationToken cancellationToken)
    {
        var lanes = Math.Min(2, Options.Parallelism);
        var wave = (Options.Parallelism + lanes - 1) / lanes;
        var waves = due.GroupBy(m => m.PartitionKey, StringComparer.Ordinal).SelectMany(partition => partition.Chunk(wave));
        await Parallel.ForEachAsync(
            waves,
            new ParallelOptions { MaxDegreeOfParallelism = lanes, CancellationToken = cancellationToken },
            async (messages, token) => await ProcessWaveAsync(messages, counts, token).ConfigureAwait(false)).ConfigureAwait(false);

        // Asked to stop while the last waves ran: they finished, and the caller learns that the pass did not.
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ProcessWaveAsync(MessageEntity[] chunk, Counts counts, CancellationToken cancellationToken)
    {
        IReadOnlyList<Claim> claims;
        Dictionary<string, ClaimVerdict> verdicts;
        try
        {
            verdicts = await JudgeAsync(chunk, cancellationToken).ConfigureAwait(false);
            claims = await life.ClaimAsync(chunk, Options.ClaimDuration, Options.MaxAttempts, verdicts, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Storage.StorageFailure.Is(ex))
        {
            // Nothing was claimed: the messages stay due for the next pass.
            LogPartitionUnavailable(logger, ex.GetType().Name);
            counts.Add(DispatchOutcome.Faulted, chunk.Length);
            return;
        }

        var claimed = new List<Claim>();
        for (var i = 0; i < claims.Count; i++)
        {
            switch (claims[i].Outcome)
            {
                case ClaimOutcome.Claimed:
                    claimed.Add(claims[i]);
                    break;
                case ClaimOutcome.GaveUp:
                    LogGaveUp(logger, chunk[i].RowKey, claims[i].Message!.Attempts);
                    Count(counts, DispatchOutcome.Failed);
                    break;
                case ClaimOutcome.Cancelled:
                    Count(counts, DispatchOutcome.Cancelled);
                    break;
                case ClaimOutcome.Deferred:
                    Count(counts, DispatchOutcome.Deferred);
                    break;
                case ClaimOutcome.Held:
                    Count(counts, DispatchOutcome.Held);
                    break;
                default:
                    Count(counts, DispatchOutcome.Busy);
                    break;
            }
        }

        if (claims.Any(c => c.Outcome == ClaimOutcome.Held))
        {
            await ReleaseIfEnabledAsync(claims.Where(c => c.Outcome == ClaimOutcome.Held).Select(c => c.Message!.RuleId), cancellationToken).ConfigureAwait(false);
        }

        if (claimed.Count == 0)
        {
            return;
        }

        // Once claimed, every message of the wave is sent to its end, even if the host is stopping.
        var outcomes = await Task.WhenAll(claimed.Select(claim => ProcessAsync(claim.Message!, CancellationToken.None))).ConfigureAwait(false);
        foreach (var outcome in outcomes)
        {
            Count(counts, outcome);
        }
    }

    /// <summary>
    /// What to make of due messages other than sending them now, by their rule as it is now: a deleted rule's are
    /// cancelled, a disabled rule's held, and one outside its rule's send window (a retry, a release, a window changed
    /// since it was scheduled) deferred to the window's next opening. Costs no storage request unless a rule is missing
    /// from the cached rules (then one read confirms it is gone) or a message is to be held (its marker is written first).
    /// </summary>
    private async Task<Dictionary<string, ClaimVerdict>> JudgeAsync(MessageEntity[] chunk, CancellationToken cancellationToken)
    {
        var verdicts = new Dictionary<string, ClaimVerdict>(StringComparer.Ordinal);
        var ruleSet = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await rules.GetDeletedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var missing = new Dictionary<string, (Rule? Rule, int Deleted)>(StringComparer.Ordinal);
        foreach (var message in chunk)
        {
            var goneAt = deleted.GetValueOrDefault(message.RuleId);
            if (!ruleSet.TryGetValue(message.RuleId, out var rule))
            {
                // The cache may predate a rule created or deleted a moment ago: only a read says it is gone.
                if (!missing.TryGetValue(message.RuleId, out var read))
                {
                    missing[message.RuleId] = read = (
                        await rules.GetAsync(message.RuleId, cancellationToken).ConfigureAwait(false),
                        await rules.DeletedVersionAsync(message.RuleId, cancellationToken).ConfigureAwait(false));
                }

                (rule, goneAt) = read;
            }

            // Scheduled by a version that was deleted since (the rule of that name now, if any, is a new one).
            if (goneAt > 0 && (rule is null ? message.RuleVersion <= goneAt : message.RuleVersion is > 0 && message.RuleVersion <= goneAt))
            {
                verdicts[message.RowKey] = new ClaimVerdict(ClaimOutcome.Cancelled, $"rule {message.RuleId} was deleted");
                continue;
            }

            if (rule is null)
            {
                // A message without a rule record (written before rules had versions): sent as it was scheduled.
                continue;
            }

            if (!rule.Enabled)
            {
                verdicts[message.RowKey] = new ClaimVerdict(ClaimOutcome.Held, $"rule {rule.Id} is disabled: held until it is enabled again");
            }
            else if (message.Category == nameof(MessageCategory.Marketing) && !await ConsentsAsync(message, cancellationToken).ConfigureAwait(false))
            {
                verdicts[message.RowKey] = new ClaimVerdict(ClaimOutcome.Cancelled, "the customer has not consented to marketing (any more)");
            }
            else if (message.Reminder > 0 && await ReminderVerdictAsync(message, rule, now, cancellationToken).ConfigureAwait(false) is { } verdict)
            {
                verdicts[message.RowKey] = verdict;
            }
            else if (timing.Fit(rule, now, message.TimeZone, CountryOf(message)) is (var at, { } deferral))
            {
                verdicts[message.RowKey] = new ClaimVerdict(ClaimOutcome.Deferred, deferral, at);
            }
        }

        foreach (var held in verdicts.Where(v => v.Value.Outcome == ClaimOutcome.Held).GroupBy(v => chunk.First(m => m.RowKey == v.Key).RuleId, StringComparer.Ordinal))
        {
            await life.MarkHeldAsync(held.Key, held.Select(v => v.Key), cancellationToken).ConfigureAwait(false);
        }

        return verdicts;
    }

    /// <summary>
    /// Whether the customer consents to marketing now, by their profile (one read per marketing message): a "no" that
    /// came after the message was scheduled — or whose cancelling was cut off — stops it here.
    /// </summary>
    private async Task<bool> ConsentsAsync(MessageEntity message, CancellationToken cancellationToken) =>
        await customers.ProfileAsync(message.CustomerId, cancellationToken).ConfigureAwait(false) is not { } profile
        || MessageScheduler.HasMarketingConsent(profile, followUp.Value.UnknownMarketingConsent);

    /// <summary>
    /// Whether a reminder due now goes: not when the customer answered the first message or an earlier reminder, nor
    /// when the first was cancelled or failed (an unsubscribe stops it by what it stops, as for any message); later when the first has not gone yet or went
    /// less than the reminder's time ago. Reads the first message and the earlier reminders (at most three reads).
    /// </summary>
    private async Task<ClaimVerdict?> ReminderVerdictAsync(MessageEntity reminder, Rule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = (reminder.ReminderOf ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var earlier = await Task.WhenAll(ids.Select(id => life.GetAsync(id, cancellationToken))).ConfigureAwait(false);
        if (ids.Length == 0 || earlier[0] is not { } first)
        {
            return new ClaimVerdict(ClaimOutcome.Cancelled, "the message it reminds of is gone");
        }

        foreach (var message in earlier.OfType<MessageEntity>())
        {
            switch (message.GetStatus())
            {
                case MessageStatus.Answered:
                    return new ClaimVerdict(ClaimOutcome.Cancelled, $"the customer answered message {message.RowKey}: no reminder needed");
                case MessageStatus.Clicked:
                    return new ClaimVerdict(ClaimOutcome.Cancelled, $"the customer clicked a link in message {message.RowKey}: no reminder needed");
                case MessageStatus.Bounced or MessageStatus.Complained:
                    return new ClaimVerdict(ClaimOutcome.Cancelled, $"message {message.RowKey} {(message.GetStatus() == MessageStatus.Bounced ? "bounced" : "was marked as spam")}");
            }

        }

        var after = Validation.Iso8601Duration.TryParse(reminder.ReminderAfter, out var wait, out _) ? wait : TimeSpan.Zero;
        var zone = timing.ZoneOf(reminder.TimeZone);
        switch (first.GetStatus())
        {
            case MessageStatus.Cancelled or MessageStatus.Failed:
                return new ClaimVerdict(ClaimOutcome.Cancelled, $"the message it reminds of, {first.RowKey}, was {first.Status.ToLowerInvariant()}: {first.Reason}");
            case var status when MessageStages.WentOut(status) && first.SentAt is { } sentAt && sentAt + after > now:
                var (at, _) = timing.Fit(rule, sentAt + after, reminder.TimeZone, CountryOf(reminder));
                return new ClaimVerdict(ClaimOutcome.Deferred, $"deferred to {SendTiming.Describe(at, zone)}: {reminder.ReminderAfter} after message {first.RowKey} was sent", at);
            case var status when MessageStages.WentOut(status):
                return null;
            default:
                // The first has not gone yet (deferred, held, retried): the reminder waits for it.
                var due = (first.DueAt > now ? first.DueAt : now) + after;
                var (then, _) = timing.Fit(rule, due, reminder.TimeZone, CountryOf(reminder));
                return new ClaimVerdict(ClaimOutcome.Deferred, $"deferred to {SendTiming.Describe(then, zone)}: message {first.RowKey} it reminds of has not gone yet", then);
        }
    }

    /// <summary>
    /// A rule enabled or deleted between this dispatcher's look at it and the hold could not release or cancel what it
    /// did not see held yet: read the rules held for once more, and release (or cancel) for those enabled (or gone) now;
    /// doing it twice is harmless.
    /// </summary>
    private async Task ReleaseIfEnabledAsync(IEnumerable<string> ruleIds, CancellationToken cancellationToken)
    {
        foreach (var ruleId in ruleIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                switch (await rules.GetAsync(ruleId, cancellationToken).ConfigureAwait(false))
                {
                    case { Enabled: true } rule:
                        await ReleaseHeldAsync(rule, cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case null:
                        await CancelHeldAsync(ruleId, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
            catch (Exception ex) when (Storage.StorageFailure.Is(ex))
            {
                LogPartitionUnavailable(logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Releases the messages held for an enabled rule, each re-timed into the rule's send window from now (or cancelled
    /// as expired). Best effort: should storage fail, the sweep of a later pass does it.
    /// </summary>
    /// <param name="rule">The rule, enabled.</param>
    /// <param name="max">At most this many now (an HTTP request's share); the sweep releases the rest.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<(int Released, int Expired)> ReleaseHeldAsync(Rule rule, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        try
        {
            return await life.ReleaseHeldAsync(rule.Id, (message, now) => timing.Fit(rule, now, message.TimeZone, CountryOf(message)), max, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Storage.StorageFailure.Is(ex))
        {
            LogPartitionUnavailable(logger, ex.GetType().Name);
            return (0, 0);
        }
    }

    /// <summary>Cancels the messages held for a deleted rule. Best effort, like <see cref="ReleaseHeldAsync"/>.</summary>
    public async Task<int> CancelHeldAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await life.CancelHeldAsync(ruleId, $"rule {ruleId} was deleted", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Storage.StorageFailure.Is(ex))
        {
            LogPartitionUnavailable(logger, ex.GetType().Name);
            return 0;
        }
    }

    /// <summary>
    /// At most once a minute: releases what is held for rules enabled since, and cancels what is held for rules
    /// deleted since, should the rule's own save have failed to (or another instance's hold have raced it).
    /// </summary>
    private async Task SweepHeldAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - new DateTimeOffset(Interlocked.Read(ref _lastSweep), TimeSpan.Zero) < HeldSweepEvery)
        {
            return;
        }

        Interlocked.Exchange(ref _lastSweep, now.UtcTicks);
        try
        {
            var ruleSet = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
            foreach (var ruleId in await life.HeldRulesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!ruleSet.TryGetValue(ruleId, out var rule))
                {
                    if (await rules.GetAsync(ruleId, cancellationToken).ConfigureAwait(false) is null)
                    {
                        await CancelHeldAsync(ruleId, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (rule.Enabled)
                {
                    await ReleaseHeldAsync(rule, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (Storage.StorageFailure.Is(ex))
        {
            LogPartitionUnavailable(logger, ex.GetType().Name);
        }
    }

    /// <summary>The country whose holidays count for the message: as scheduled, or for older rows from its locale.</summary>
    private string? CountryOf(MessageEntity message) => message.Country ?? timing.CountryOf(null, message.Locale);

    /// <summary>Sends one claimed message and records the outcome; never throws but for cancellation.</summary>
    internal async Task<DispatchOutcome> ProcessAsync(MessageEntity claimed, CancellationToken cancellationToken)
    {
        using var activity = FollowUpTelemetry.Source.StartActivity("dispatch message");
        activity?.SetTag(FollowUpTelemetry.MessageIdTag, claimed.RowKey);
        activity?.SetTag(FollowUpTelemetry.RuleIdTag, claimed.RuleId);
        var attempt = new Attempt(claimed);
        DispatchOutcome outcome;
        try
        {
            outcome = await SendAsync(attempt).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            outcome = await RecordFaultAsync(attempt, ex).ConfigureAwait(false);
        }

        activity?.SetTag(FollowUpTelemetry.OutcomeTag, outcome.ToString().ToLowerInvariant());
        return outcome;
    }

    /// <summary>
    /// Whether the address has unsubscribed, from the list in memory: brought up to date at most a second ago (this
    /// instance's own unsubscribes at once), so a send needs no read of its own. Should that fail, one read.
    /// </summary>
    private async Task<UnsubscribeScope?> UnsubscribedFromAsync(string email)
    {
        try
        {
            return (await suppressions.CurrentAsync(SuppressionsMaxAge, CancellationToken.None).ConfigureAwait(false)).ScopeOf(email);
        }
        catch (Exception ex) when (Storage.StorageFailure.Is(ex))
        {
            return await suppressions.ScopeOfAsync(email, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static void Count(Counts counts, DispatchOutcome outcome)
    {
        counts.Add(outcome, 1);
        FollowUpTelemetry.MessagesDispatched.Add(1, new KeyValuePair<string, object?>(FollowUpTelemetry.OutcomeTag, outcome.ToString().ToLowerInvariant()));
    }

    private DispatchSummary Summarize(Counts counts, DateTimeOffset? next)
    {
        var summary = new DispatchSummary(counts[DispatchOutcome.Sent], counts[DispatchOutcome.Retrying], counts[DispatchOutcome.Failed], counts[DispatchOutcome.Cancelled], counts[DispatchOutcome.Stale], counts[DispatchOutcome.Busy], counts[DispatchOutcome.Faulted])
        {
            NextDue = next,
            Deferred = counts[DispatchOutcome.Deferred],
            Held = counts[DispatchOutcome.Held],
        };
        if (summary.Total > 0)
        {
            LogPass(logger, summary.Sent, summary.Retrying, summary.Failed, summary.Cancelled, summary.Deferred, summary.Held, summary.Busy, summary.Faulted);
        }

        return summary;
    }

    private async Task<DispatchOutcome> SendAsync(Attempt attempt)
    {
        var message = attempt.Message;

        // Once claimed, the attempt runs to its end even if the host is stopping: a send cut off after the provider
        // accepted it, or a record cut off after the send, is how a mail goes out twice. A send is bounded by the
        // provider's timeout.
        var cancellationToken = CancellationToken.None;
        var category = Enum.TryParse<MessageCategory>(message.Category, out var own) ? own : MessageCategory.Feedback;
        if (await UnsubscribedFromAsync(message.Email).ConfigureAwait(false) is { } scope && Suppressions.Stops(scope, category))
        {
            await life.SettleAsync(message, MessageStatus.Cancelled, $"the address has unsubscribed from {Suppressions.Words(scope)}", cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Cancelled;
        }

        var template = await templates.GetForSendingAsync(message.TemplateId, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            await life.SettleAsync(message, MessageStatus.Failed, $"template '{message.TemplateId}' does not exist", cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Failed;
        }

        var (pieces, missing) = template.Kind != TemplateKind.Message
            ? ([], $"it is a {template.Kind.ToString().ToLowerInvariant()}, not a message")
            : await TemplateIncludes.ResolveAsync(template, id => templates.GetForSendingAsync(id, cancellationToken)).ConfigureAwait(false);
        if (missing is not null)
        {
            var reason = $"render failed: template '{template.Id}': {missing}";
            LogRenderFailed(logger, message.RowKey, reason);
            await life.SettleAsync(message, MessageStatus.Failed, reason, cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Failed;
        }

        var model = MessageScheduler.ParseModel(message);
        RenderedContent content;
        try
        {
            content = renderer.Render(template, new RenderRequest(message.RowKey, message.Locale, model, message.CouponCode, message.RuleId) { Reminder = message.Reminder }, pieces: pieces);
        }
        catch (TemplateRenderException ex)
        {
            var reason = "render failed: " + Scrub(ex.Message, message, model);
            LogRenderFailed(logger, message.RowKey, reason);
            await life.SettleAsync(message, MessageStatus.Failed, reason, cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Failed;
        }

        // A lost-sale survey is signed by the deal's owner, so replies go to them rather than to a no-reply inbox.
        var owner = message.GetSubjectKind() == Events.SubjectKind.Deal ? (model["deal"] as JsonObject)?["owner"] as JsonObject : null;
        var mail = new OutgoingMail(
            message.RowKey,
            message.RuleId,
            message.Email,
            Text(model["customer"], "name"),
            content.Subject,
            content.Html,
            content.Text,
            links.UnsubscribeUrl(message.RowKey),
            Text(owner, "email"),
            Text(owner, "name"));
        // A claim that could run out while the provider is still answering would let another dispatcher send too:
        // leave it to expire instead (the next attempt counts it).
        var longestSend = sendGrid.Value.IsConfigured ? TimeSpan.FromSeconds(sendGrid.Value.TimeoutSeconds) : TimeSpan.Zero;
        if (time.GetUtcNow() + longestSend >= message.ClaimedUntil)
        {
            LogClaimTooShort(logger, message.RowKey);
            return DispatchOutcome.Busy;
        }

        var outcome = await sender.SendAsync(mail, cancellationToken).ConfigureAwait(false);
        if (outcome.Result == SendResult.Accepted)
        {
            // From here on the mail is out: nothing may turn this into a retry.
            attempt.Accepted = true;
            await life.MarkSentAsync(message, outcome.ProviderMessageId, content, template.Version, cancellationToken).ConfigureAwait(false);
            FollowUpTelemetry.DueToSent.Record((time.GetUtcNow() - message.DueAt).TotalSeconds, new KeyValuePair<string, object?>(FollowUpTelemetry.RuleIdTag, message.RuleId));
            LogSent(logger, message.RowKey, message.RuleId, message.Attempts);
            return DispatchOutcome.Sent;
        }

        var why = Scrub(outcome.Reason ?? "refused by the provider", message, model);
        if (outcome.Result == SendResult.Transient && message.Attempts < Options.MaxAttempts)
        {
            var dueAt = MessageIds.Truncate(time.GetUtcNow() + Backoff.For(message.RowKey, message.Attempts, outcome.RetryAfter));
            await life.RetryLaterAsync(message, why, dueAt, cancellationToken).ConfigureAwait(false);
            LogRetrying(logger, message.RowKey, message.Attempts, why, dueAt);
            return DispatchOutcome.Retrying;
        }

        var final = outcome.Result == SendResult.Transient ? $"gave up after {message.Attempts} attempts; last: {why}" : why;
        LogSendFailed(logger, message.RowKey, message.Attempts, final);
        await life.SettleAsync(message, MessageStatus.Failed, final, cancellationToken).ConfigureAwait(false);
        return DispatchOutcome.Failed;
    }

    /// <summary>
    /// Something unexpected happened while handling one message. If this dispatcher holds its claim and the mail did
    /// not go out, the fault is recorded on the message like a failed attempt (retried, or failed with the reason when
    /// attempts are used up). If that cannot be recorded either, the message stays due and its claim expires.
    /// </summary>
    private async Task<DispatchOutcome> RecordFaultAsync(Attempt attempt, Exception fault)
    {
        var message = attempt.Message;
        var reason = SafeReason(fault, message);
        LogFault(logger, message.RowKey, reason);
        if (attempt.Accepted)
        {
            return DispatchOutcome.Sent;
        }

        try
        {
            if (message.Attempts < Options.MaxAttempts)
            {
                var dueAt = MessageIds.Truncate(time.GetUtcNow() + Backoff.For(message.RowKey, message.Attempts));
                await life.RetryLaterAsync(message, reason, dueAt, CancellationToken.None).ConfigureAwait(false);
                return DispatchOutcome.Retrying;
            }

            await life.SettleAsync(message, MessageStatus.Failed, $"gave up after {message.Attempts} attempts; last: {reason}", CancellationToken.None).ConfigureAwait(false);
            return DispatchOutcome.Failed;
        }
        catch (Exception ex)
        {
            LogFault(logger, message.RowKey, $"and recording it failed too ({ex.GetType().Name}); the claim will expire");
            return DispatchOutcome.Faulted;
        }
    }

    private static string SafeReason(Exception fault, MessageEntity message)
    {
        try
        {
            return Scrub($"internal error ({fault.GetType().Name}): {fault.Message}", message, MessageScheduler.ParseModel(message));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return $"internal error ({fault.GetType().Name})";
        }
    }

    /// <summary>Error texts may quote any value of the model: every name and address of the customer and the deal's owner is masked.</summary>
    private static string Scrub(string text, MessageEntity? message, JsonObject? model)
    {
        var personal = new List<string?> { message?.Email };
        foreach (var holder in new[] { model?["customer"] as JsonObject, (model?["deal"] as JsonObject)?["owner"] as JsonObject })
        {
            foreach (var (_, value) in holder ?? [])
            {
                if (value is JsonValue leaf && leaf.TryGetValue<string>(out var textValue))
                {
                    personal.Add(textValue);
                }
            }
        }

        return Redaction.Scrub(text, personal.ToArray());
    }

    private static string? Text(JsonNode? parent, string name) =>
        parent is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>What one attempt at a claimed message has got to, so that a fault can be recorded correctly.</summary>
    private sealed class Attempt(MessageEntity message)
    {
        public MessageEntity Message { get; } = message;

        public bool Accepted { get; set; }
    }

    /// <summary>Outcome counts of a pass, added to from sends running side by side.</summary>
    private sealed class Counts
    {
        private readonly ConcurrentDictionary<DispatchOutcome, int> _counts = new();

        public int this[DispatchOutcome outcome] => _counts.GetValueOrDefault(outcome);

        public void Add(DispatchOutcome outcome, int count)
        {
            if (count > 0)
            {
                _counts.AddOrUpdate(outcome, count, (_, sum) => sum + count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch pass: {Sent} sent, {Retrying} to retry, {Failed} failed, {Cancelled} cancelled, {Deferred} deferred, {Held} held (rule disabled), {Busy} held by another dispatcher, {Faulted} faulted")]
    private static partial void LogPass(ILogger logger, int sent, int retrying, int failed, int cancelled, int deferred, int held, int busy, int faulted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent message {MessageId} (rule {RuleId}) on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, string messageId, string ruleId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of message {MessageId} failed: {Reason}; next attempt at {DueAt}")]
    private static partial void LogRetrying(ILogger logger, string messageId, int attempt, string? reason, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} failed after {Attempts} attempts: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string messageId, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} could not be rendered: {Reason}")]
    private static partial void LogRenderFailed(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId}: the claim of attempt {Attempts} expired unfinished and no attempts are left; failed as outcome unknown")]
    private static partial void LogGaveUp(ILogger logger, string messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: too little of its claim is left to wait for the provider; left for the claim to expire")]
    private static partial void LogClaimTooShort(ILogger logger, string messageId);


    [LoggerMessage(Level = LogLevel.Warning, Message = "A partition of due messages could not be read or claimed now ({Error}); it stays due for the next pass")]
    private static partial void LogPartitionUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId}: {Reason}")]
    private static partial void LogFault(ILogger logger, string messageId, string reason);
}
