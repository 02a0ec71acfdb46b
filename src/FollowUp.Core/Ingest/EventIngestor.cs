using System.Runtime.ExceptionServices;
using FollowUp.Customers;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Telemetry;
using FollowUp.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Ingest;

/// <summary>
/// Takes validated events through the pipeline, alone or as a batch: what each changes in its customer's partition
/// (history, its order's or deal's head, the pointers of the messages it schedules) is one transaction; then the
/// messages it cancels; then the new message rows, a partition's together; then the (source, id) markers, a source's
/// together. The marker is written last, so an event that failed part-way is simply processed again when the sender
/// retries, and every step before it is idempotent.
/// </summary>
/// <remarks>
/// Concurrent events on one order or deal converge: each rewrites the order's head under the ETag it read, so of a
/// cancelling event and a scheduling event racing, the later one to write reads the other's effect first — the
/// scheduling event schedules its message already cancelled, or the cancelling event finds the message's pointer and
/// cancels it (writing it cancelled if its row is not there yet).
/// </remarks>
public sealed partial class EventIngestor(
    FollowUpTables tables,
    CustomerRecords customers,
    RuleBook rules,
    MessageScheduler scheduler,
    MessageLife life,
    Suppressions suppressions,
    SendTiming timing,
    IOptions<ScriptLimits> limits,
    TimeProvider time,
    ILogger<EventIngestor> logger)
{
    /// <summary>How far ahead of this server's clock an event's time may be and still count as given.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>How stale the suppression list may be when an event schedules; the dispatcher looks again before sending.</summary>
    private static readonly TimeSpan SuppressionsMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Every round of events of one customer written at once lets one of them through, so this many lets that many
    /// arrive together; beyond it the event is refused as storage being busy (a 503 the sender retries), not a fault.
    /// </summary>
    private const int MaxAttempts = 64;
    private const int CustomersAtOnce = 16;

    private readonly EventMarkers _markers = new(tables);

    public async Task<IngestResult> IngestAsync(FollowUpEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var outcome = (await IngestBatchAsync([@event], cancellationToken).ConfigureAwait(false))[0];
        if (outcome.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return outcome.Result!;
    }

    /// <summary>
    /// What <paramref name="rule"/> (saved or not) would do with <paramref name="event"/> now, for the event's
    /// customer as their records stand, among the other rules as saved (for the caps): the same decision ingest makes,
    /// without writing anything. A disabled rule is tried as if it were enabled.
    /// </summary>
    public async Task<DryRunResult> DryRunAsync(FollowUpEvent @event, Rule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(rule);
        var now = time.GetUtcNow();
        if (rule.Trigger != @event.Type)
        {
            return new DryRunResult(false, $"the rule starts on {rule.Trigger}, not on {@event.Type}", [], rule.Enabled);
        }

        if (@event.Time is { } stated && stated > now + FutureTolerance)
        {
            @event = @event with { Time = now };
        }

        var saved = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var ruleSet = saved.Values.Where(r => r.Id != rule.Id).Append(rule with { Enabled = true }).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var suppressed = await suppressions.CurrentAsync(SuppressionsMaxAge, cancellationToken).ConfigureAwait(false);
        var read = (await customers.ReadAsync([@event], cancellationToken).ConfigureAwait(false))[0];
        var decision = Decide(@event, read, ruleSet, suppressed, now);
        if (decision.Skipped.FirstOrDefault(s => s.RuleId == rule.Id) is { } skipped)
        {
            return new DryRunResult(false, skipped.Reason, [], rule.Enabled);
        }

        var planned = decision.Planned.Where(p => p.Rule.Id == rule.Id).ToList();
        if (planned.Count == 0)
        {
            return new DryRunResult(false, "it made no message", [], rule.Enabled);
        }

        if (planned.TrueForAll(p => p.NewPointer is null))
        {
            return new DryRunResult(false, "the order or deal has this rule's message already (this event, or one like it, was taken before)", [], rule.Enabled);
        }

        var messages = planned.ConvertAll(p => new DryRunMessage(p.Message.Reminder, p.Message.DueAt, p.Deferral, p.CancelReason));
        var first = planned[0];
        return first.CancelReason is { } cancelled
            ? new DryRunResult(false, cancelled, messages, rule.Enabled)
            : new DryRunResult(true, null, messages, rule.Enabled);
    }

    /// <summary>
    /// Takes a batch of events: each stands alone (one that fails is that event's failure, and the others are taken),
    /// while what they write shares requests where the partitions allow. Events of one customer are taken in order.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestBatchAsync(IReadOnlyList<FollowUpEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = time.GetUtcNow();

        // A time from the future (a clock set wrong, or a typo in the year) would make every real event after it
        // look older; it is taken as now.
        var batch = events.Select(e => e.Time is { } stated && stated > now + FutureTolerance ? e with { Time = now } : e).ToArray();
        var outcomes = new IngestOutcome?[batch.Length];
        var keys = batch.Select(e => EventMarkers.KeyOf(e.Source, e.Id)).ToArray();
        var copyOf = new int[batch.Length];
        var work = new List<int>();
        try
        {
            var found = await _markers.FindAsync(keys, cancellationToken).ConfigureAwait(false);
            var first = new Dictionary<(string, string), int>();
            for (var i = 0; i < batch.Length; i++)
            {
                copyOf[i] = -1;
                if (found.TryGetValue(keys[i], out var stored))
                {
                    outcomes[i] = new IngestOutcome(stored, null);
                }
                else if (first.TryGetValue(keys[i], out var earlier))
                {
                    copyOf[i] = earlier;
                }
                else
                {
                    first[keys[i]] = i;
                    work.Add(i);
                }
            }

            var ruleSet = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
            var suppressed = await suppressions.CurrentAsync(SuppressionsMaxAge, cancellationToken).ConfigureAwait(false);
            var prepared = new Prepared?[batch.Length];

            // In rounds: each customer's first event, then each one's second, and so on, so that a customer's events are
            // taken in order while different customers' share their reads and writes.
            foreach (var round in work.GroupBy(i => TableKey.Encode(batch[i].Customer.Id), StringComparer.Ordinal)
                .SelectMany(customer => customer.Select((i, n) => (Round: n, Event: i)))
                .GroupBy(x => x.Round)
                .OrderBy(g => g.Key))
            {
                await PrepareRoundAsync(batch, [.. round.Select(x => x.Event)], ruleSet, suppressed, now, prepared, outcomes, cancellationToken).ConfigureAwait(false);
            }

            await WriteMessagesAsync(work, prepared, outcomes, cancellationToken).ConfigureAwait(false);

            // Once every message of the batch is written: a move may be of one an earlier event of this batch planned.
            foreach (var i in work.Where(i => outcomes[i] is null && prepared[i] is not null))
            {
                try
                {
                    await scheduler.MoveAsync(prepared[i]!.Moves, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && StorageFailure.Is(ex))
                {
                    outcomes[i] = new IngestOutcome(null, ex);
                }
            }

            await WriteMarkersAsync(batch, keys, work, prepared, outcomes, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            foreach (var i in work.Where(i => outcomes[i] is null))
            {
                outcomes[i] = new IngestOutcome(null, ex);
            }
        }

        for (var i = 0; i < batch.Length; i++)
        {
            if (copyOf[i] >= 0)
            {
                var original = outcomes[copyOf[i]]!;
                outcomes[i] = original.Result is { } result ? new IngestOutcome(result with { Status = IngestStatus.Duplicate }, null) : original;
            }

            Record(batch[i], outcomes[i]!);
        }

        return outcomes!;
    }

    /// <summary>
    /// Reads what the round's events need of their customers' rows (a few queries), decides each, and writes the
    /// decisions (a transaction per partition) under the ETags read; an event another wrote past is read and decided
    /// again. Then each event written cancels what it cancels and reserves its coupons: what is left to write is its
    /// new message rows and its marker.
    /// </summary>
    private async Task PrepareRoundAsync(FollowUpEvent[] batch, List<int> round, IReadOnlyDictionary<string, Rule> ruleSet, SuppressedAddresses suppressed, DateTimeOffset now, Prepared?[] prepared, IngestOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var pending = round;
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            if (attempt > MaxAttempts)
            {
                var busy = new Azure.RequestFailedException(503, $"The customer's records kept changing under {MaxAttempts} attempts to take this event; send it again.", "ServerBusy", null);
                foreach (var i in pending)
                {
                    outcomes[i] = new IngestOutcome(null, busy);
                }

                return;
            }

            var reads = await customers.ReadAsync([.. pending.Select(i => batch[i])], cancellationToken).ConfigureAwait(false);
            var decided = new List<(int Event, Decision Decision)>();
            for (var k = 0; k < pending.Count; k++)
            {
                try
                {
                    var decision = Decide(batch[pending[k]], reads[k], ruleSet, suppressed, now);

                    // The event itself goes with its changes, kept for replays at no request of its own.
                    var kept = StoredEvents.Row(batch[pending[k]], now, pending[k], reads[k].Profile, StoredEvents.Outcomes(decision));
                    decision = decision with { Changes = decision.Changes with { Event = kept } };

                    // An event too large for one transaction fails alone, here, before it can fail its partition's.
                    CustomerRecords.CheckFits(decision.Changes);
                    decided.Add((pending[k], decision));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StorageFailure.Is(ex))
                {
                    outcomes[pending[k]] = new IngestOutcome(null, ex);
                }
            }

            var written = await customers.TryCommitAsync([.. decided.Select(d => d.Decision.Changes)], cancellationToken).ConfigureAwait(false);
            pending = [.. decided.Where((_, k) => !written[k]).Select(d => d.Event)];
            await Parallel.ForEachAsync(
                decided.Where((_, k) => written[k]),
                new ParallelOptions { MaxDegreeOfParallelism = CustomersAtOnce, CancellationToken = cancellationToken },
                async (done, token) =>
                {
                    try
                    {
                        prepared[done.Event] = await FinishAsync(batch[done.Event], done.Decision, ruleSet, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!token.IsCancellationRequested)
                    {
                        outcomes[done.Event] = new IngestOutcome(null, ex);
                    }
                }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What one event does, decided on the rows read: its customer's changes and the messages its rules make. Writes
    /// nothing, so a replay decides with it too, on customer rows it keeps in memory and at the time the event was taken.
    /// </summary>
    internal Decision Decide(FollowUpEvent @event, CustomerRecord read, IReadOnlyDictionary<string, Rule> ruleSet, SuppressedAddresses suppressed, DateTimeOffset now)
    {
        var headRow = CustomerRecords.HeadRow(read.CustomerKey, @event.SubjectKind, @event.SubjectId);
        var (profile, profileWrite, count) = CustomerHistory.Apply(read.Profile, read.Head?.GetCounted(), @event, read.Partition, CustomerRecords.ProfileRow(read.CustomerKey), now);
        var head = SubjectHead.After(read.Head, @event, read.Partition, headRow, out var whole);
        var seenBefore = read.Head?.GetSeen() ?? new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var pointers = read.Head?.GetPointers(@event) ?? [];

        var model = MessageModel.Create(whole, profile, now, PlacedAt(head ?? read.Head));
        var scriptModel = ScriptModel.FromJson(model);
        var planned = new List<PlannedMessage>();
        var skipped = new List<ScheduleResult>();

        // The customer's send plan, less what this event cancels: the caps place each new message among the rest.
        var sendPlan = SendPlan.Parse(read.Profile?.SendPlan, now);
        Rule? RuleOf(string id) => ruleSet.GetValueOrDefault(id);
        IReadOnlyList<PlanMove> forward = [];
        // Only what is still to come: a message this event cancels that went already (or is going now) still counts.
        var cancelledToCome = MessageScheduler.CancelledBy(@event, ruleSet, pointers).Select(p => p.MessageId)
            .Where(id => sendPlan.Find(id) is { } entry && entry.At > now).ToList();
        if (sendPlan.Remove(cancelledToCome))
        {
            forward = timing.BringForward(sendPlan, profile.TimeZone, timing.CountryOf(profile.Country, profile.Locale), now, RuleOf);
        }

        foreach (var rule in ruleSet.Values.Where(r => r.Trigger == @event.Type).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!rule.Enabled)
            {
                skipped.Add(new ScheduleResult(rule.Id, null, null, null, "the rule is disabled"));
            }
            else if (scheduler.SkipReason(@event, rule, profile, now) is { } skip)
            {
                skipped.Add(new ScheduleResult(rule.Id, null, null, null, skip));
            }
            else if (!ConditionHolds(rule, scriptModel, @event, out var why))
            {
                skipped.Add(new ScheduleResult(rule.Id, null, null, null, why));
            }
            else
            {
                planned.AddRange(scheduler.Plan(@event, rule, model, suppressed.Stops(@event.Customer.Email, rule.Category), seenBefore, pointers, sendPlan, RuleOf, now));
            }
        }

        var newPointers = planned.Select(p => p.NewPointer).OfType<MessagePointer>().ToList();
        if (newPointers.Count > 0 || count is not null)
        {
            head ??= read.Head!.Copy();
            head.AddPointers(@event, newPointers);
            if (count is not null)
            {
                head.SetCounted(count);
            }
        }

        if (sendPlan.Changed)
        {
            profileWrite ??= read.Profile?.Copy() ?? profile;
            profileWrite.SendPlan = sendPlan.ToJson();
        }

        // A "no" to marketing stops what was scheduled with a yes (or with the default for unknown consent).
        var withdrew = @event.Customer.MarketingConsent == false && read.Profile?.MarketingConsent != false && profileWrite?.MarketingConsent == false;
        return new Decision(new CustomerChanges(read, profileWrite, head, newPointers), pointers, planned, skipped)
        {
            WithdrewConsent = withdrew && read.Profile is not null,
            Moves = Moves(forward, planned, sendPlan),
        };
    }

    /// <summary>When the order was placed, as its head saw <c>order.placed</c> (null: not yet, or without a time).</summary>
    private static DateTimeOffset? PlacedAt(SubjectHead? head) =>
        head?.GetSeen().TryGetValue(EventTypes.OrderPlaced, out var at) == true && at != DateTimeOffset.MaxValue ? at : null;

    /// <summary>
    /// The moves of written messages this event's plan makes. A message this same event plans and moves (a service
    /// message planned after it put it over the daily total) is not written yet: its draft takes the new time instead.
    /// </summary>
    private static List<PlanMove> Moves(IEnumerable<PlanMove> forward, List<PlannedMessage> planned, SendPlan plan)
    {
        var moves = new List<PlanMove>(forward);
        foreach (var bump in planned.SelectMany(p => p.Bumped).ToList())
        {
            var own = planned.FindIndex(p => p.Message.RowKey == bump.Send.MessageId && p.CancelReason is null);
            if (own < 0)
            {
                moves.Add(bump);
                continue;
            }

            planned[own].Message.DueAt = MessageIds.Truncate(bump.To);
            planned[own] = planned[own] with { Deferral = bump.Why };

            // Its row is written with the new time: no move of it is left to make.
            if (plan.Find(bump.Send.MessageId) is { } entry)
            {
                plan.Add(entry with { MovedFrom = null, MoveWhy = null });
            }
        }

        // Moves made before that a failure (or another instance's move) may have cut off: made again, which is a no-op
        // for a row that has moved already.
        foreach (var pending in plan.PendingMoves())
        {
            if (!moves.Exists(move => move.Send.MessageId == pending.Send.MessageId))
            {
                moves.Add(pending);
            }
        }

        return moves;
    }

    /// <summary>After an event's changes are written: the messages it cancels, and coupons for those it schedules.</summary>
    private async Task<Prepared> FinishAsync(FollowUpEvent @event, Decision decision, IReadOnlyDictionary<string, Rule> ruleSet, CancellationToken cancellationToken)
    {
        var cancelled = await scheduler.CancelAsync(@event, ruleSet, decision.Pointers, cancellationToken).ConfigureAwait(false);
        if (decision.WithdrewConsent)
        {
            cancelled = [.. cancelled, .. await scheduler.CancelMarketingAsync(@event, cancellationToken).ConfigureAwait(false)];
        }

        var results = new ScheduleResult?[decision.Planned.Count];
        for (var n = 0; n < decision.Planned.Count; n++)
        {
            // A reminder offers the coupon its first message reserved (planned just before it).
            if (decision.Planned[n].Message is { Reminder: > 0, ReminderOf: { } of } reminder && decision.Planned.FirstOrDefault(p => p.Message.RowKey == of.Split(',')[0]) is { } first)
            {
                reminder.CouponCode = first.Message.CouponCode;
            }

            if (await scheduler.PrepareAsync(decision.Planned[n], cancellationToken).ConfigureAwait(false) is { } existing)
            {
                results[n] = MessageScheduler.Result(decision.Planned[n], existing, created: false);
            }
        }

        return new Prepared(decision.Planned, results, cancelled, decision.Skipped) { Moves = decision.Moves };
    }

    /// <summary>The new message rows of every event prepared, a partition's in one transaction.</summary>
    private async Task WriteMessagesAsync(List<int> work, Prepared?[] prepared, IngestOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        // One write per message: two events of the batch may make the same one (one order.placed from two sources),
        // and a transaction may not name a row twice. The later ones get the first's row, as a replay would.
        var slots = new List<List<(int Event, int Slot)>>();
        var writes = new List<NewMessage>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in work)
        {
            if (prepared[i] is not { } ready)
            {
                continue;
            }

            for (var n = 0; n < ready.Planned.Count; n++)
            {
                if (ready.Results[n] is not null)
                {
                    continue;
                }

                var id = ready.Planned[n].Message.RowKey;
                if (byId.TryGetValue(id, out var k))
                {
                    slots[k].Add((i, n));
                    continue;
                }

                byId[id] = slots.Count;
                slots.Add([(i, n)]);
                writes.Add(new NewMessage(ready.Planned[n].Message, ready.Planned[n].CancelReason, ready.Planned[n].Detail) { Deferral = ready.Planned[n].Deferral });
            }
        }

        if (writes.Count == 0)
        {
            return;
        }

        var created = await life.CreateManyAsync(writes, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < created.Count; k++)
        {
            for (var copy = 0; copy < slots[k].Count; copy++)
            {
                var (i, n) = slots[k][copy];
                if (created[k].Failure is { } failure)
                {
                    outcomes[i] ??= new IngestOutcome(null, failure);
                }
                else
                {
                    prepared[i]!.Results[n] = MessageScheduler.Result(prepared[i]!.Planned[n], created[k].Message!, created[k].Created && copy == 0);
                }
            }
        }
    }

    /// <summary>The markers of the events fully taken, a source's in one transaction: written last, so a failure before leaves the event to be taken again.</summary>
    private async Task WriteMarkersAsync(FollowUpEvent[] batch, (string Partition, string Row)[] keys, List<int> work, Prepared?[] prepared, IngestOutcome?[] outcomes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = work.Where(i => outcomes[i] is null && prepared[i] is not null).ToList();
        var results = done.ToDictionary(i => i, i => new IngestResult(batch[i].Id, batch[i].Source, batch[i].Type, IngestStatus.Accepted, [.. prepared[i]!.Results.Select(r => r!)], prepared[i]!.Cancelled, prepared[i]!.Skipped));
        var written = await _markers.AddAsync([.. done.Select(i => (keys[i].Partition, keys[i].Row, results[i], now))], cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < done.Count; k++)
        {
            var i = done[k];
            outcomes[i] = written[k].Failure is { } failure
                ? new IngestOutcome(null, failure)
                : new IngestOutcome(written[k].Earlier ?? results[i], null);
        }
    }

    private void Record(FollowUpEvent @event, IngestOutcome outcome)
    {
        using var activity = FollowUpTelemetry.Source.StartActivity("ingest event");
        activity?.SetTag(FollowUpTelemetry.EventTypeTag, @event.Type);
        if (outcome.Result is not { } result)
        {
            activity?.SetTag(FollowUpTelemetry.OutcomeTag, "failed");
            return;
        }

        var name = result.Status == IngestStatus.Duplicate ? "duplicate" : "accepted";
        activity?.SetTag(FollowUpTelemetry.OutcomeTag, name);
        FollowUpTelemetry.EventsIngested.Add(1, new(FollowUpTelemetry.EventTypeTag, @event.Type), new(FollowUpTelemetry.OutcomeTag, name));
        if (result.Status == IngestStatus.Accepted)
        {
            LogIngested(logger, @event.Type, result.Scheduled.Count, result.Cancelled.Count, result.Skipped.Count);
        }
    }

    private bool ConditionHolds(Rule rule, Scriban.Runtime.ScriptObject model, FollowUpEvent @event, out string reason)
    {
        reason = string.Empty;
        try
        {
            var condition = rules.ConditionOf(rule);
            if (condition is null || condition.IsMet(model, limits.Value))
            {
                return true;
            }

            reason = $"condition '{rule.Condition}' is false";
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = Redaction.Scrub(ex is Scriban.Syntax.ScriptRuntimeException runtime ? runtime.OriginalMessage : ex.Message, @event.Customer.Email, @event.Customer.Name, @event.Customer.Id, @event.Deal?.OwnerName, @event.Deal?.OwnerEmail);
            reason = $"condition '{rule.Condition}' failed: {error}";
            LogConditionFailed(logger, rule.Id, error);
            return false;
        }
    }

    /// <summary>One event's decision: its customer's changes, its order's or deal's messages as read, the messages it makes, the rules it skipped.</summary>
    internal sealed record Decision(CustomerChanges Changes, IReadOnlyList<MessagePointer> Pointers, List<PlannedMessage> Planned, List<ScheduleResult> Skipped)
    {
        /// <summary>The event says no to marketing for a customer who had not: their pending marketing messages are cancelled.</summary>
        public bool WithdrewConsent { get; init; }

        /// <summary>The customer's messages the new send plan moves: later for a higher priority, sooner when a cancel cleared the way.</summary>
        public IReadOnlyList<PlanMove> Moves { get; init; } = [];
    }

    /// <summary>One event's work so far: its messages planned (and, where already there, their results), what it cancelled and skipped.</summary>
    private sealed record Prepared(IReadOnlyList<PlannedMessage> Planned, ScheduleResult?[] Results, IReadOnlyList<ScheduleResult> Cancelled, IReadOnlyList<ScheduleResult> Skipped)
    {
        /// <summary>Written messages the customer's plan moves, made once the batch's messages are written.</summary>
        public IReadOnlyList<PlanMove> Moves { get; init; } = [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {EventType}: {Scheduled} scheduled, {Cancelled} cancelled, {Skipped} skipped")]
    private static partial void LogIngested(ILogger logger, string eventType, int scheduled, int cancelled, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The condition of rule {RuleId} failed: {Error}")]
    private static partial void LogConditionFailed(ILogger logger, string ruleId, string error);
}
