using System.Globalization;
using FollowUp.Customers;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Replay;

/// <summary>
/// Replays the events kept in a time range against a proposed rule set, writing and sending nothing: each customer's
/// events in the order ingest took them, through the decision ingest makes (<see cref="EventIngestor"/>), on the
/// customer's rows as the replay builds them up in memory and at the time each event was taken — so conditions,
/// delays, send windows, caps, cancelling events and consent act as they would have then. What actually happened is
/// what ingest kept with each event, and the status of the messages it made, read now.
/// </summary>
/// <remarks>
/// Customers are independent in ingest, so they are here: a partition's events are read, grouped by customer, and
/// replayed; memory holds one partition's events of the range at a time per reader. A customer starts from the history
/// their first event in the range found (order count, spend, consent), with no messages before the range: those do
/// not count towards the proposal's caps, and an order's events before the range are not seen by its later ones.
/// Addresses are suppressed as they are today.
/// </remarks>
public sealed class EventReplay(CustomerRecords customers, EventIngestor ingestor, MessageLife life, Suppressions suppressions, IOptions<ReplayOptions> options, TimeProvider time)
{
    /// <summary>The most events one replay takes; beyond it the answer says it was truncated.</summary>
    public const int MaxEvents = 250_000;

    public const int MaxDifferences = 20;

    /// <summary>Partitions read at once: each holds its events of the range in memory while its customers are replayed.</summary>
    private const int PartitionsAtOnce = 4;

    private static readonly HashSet<MessageStatus> Went =
    [
        MessageStatus.Sent, MessageStatus.Answered, MessageStatus.Delivered, MessageStatus.Opened, MessageStatus.Clicked,
        MessageStatus.Bounced, MessageStatus.Complained, MessageStatus.Unsubscribed,
    ];

    /// <summary>The oldest time an event is replayed from: older ones are pruned, or about to be.</summary>
    public DateTimeOffset KeptSince => time.GetUtcNow() - options.Value.RetentionSpan();

    public async Task<ReplayResult> RunAsync(IReadOnlyDictionary<string, Rule> proposal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var start = from < KeptSince ? KeptSince : from;
        var suppressed = await suppressions.CurrentAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        var tally = new Tally(proposal);
        await Parallel.ForEachAsync(
            CustomerRecords.Partitions,
            new ParallelOptions { MaxDegreeOfParallelism = PartitionsAtOnce, CancellationToken = cancellationToken },
            async (partition, token) =>
            {
                var byCustomer = new Dictionary<string, List<EventRow>>(StringComparer.Ordinal);
                await foreach (var row in customers.EventsAsync(partition, start, to, token).ConfigureAwait(false))
                {
                    if (!tally.Take())
                    {
                        break;
                    }

                    if (!byCustomer.TryGetValue(row.CustomerId, out var rows))
                    {
                        byCustomer[row.CustomerId] = rows = [];
                    }

                    rows.Add(row);
                }

                foreach (var rows in byCustomer.Values)
                {
                    rows.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
                    ReplayCustomer(rows, proposal, suppressed, tally);
                }
            }).ConfigureAwait(false);

        var statuses = await life.StatusesAsync(tally.ActualMessages.Keys, cancellationToken).ConfigureAwait(false);
        foreach (var (id, rule) in tally.ActualMessages)
        {
            if (statuses.TryGetValue(id, out var status) && Went.Contains(status))
            {
                tally.Count(rule, Tally.ActuallySent);
            }
        }

        return tally.Result(start, to);
    }

    private void ReplayCustomer(List<EventRow> rows, IReadOnlyDictionary<string, Rule> proposal, SuppressedAddresses suppressed, Tally tally)
    {
        var customerKey = TableKey.Encode(rows[0].CustomerId);
        var partition = CustomerRecords.PartitionOf(customerKey);
        CustomerEntity? profile = null;
        var heads = new Dictionary<string, SubjectHead>(StringComparer.Ordinal);
        var messages = new Dictionary<string, Simulated>(StringComparer.Ordinal);
        var taken = new HashSet<(string, string)>();
        var counts = new Tally(proposal);
        foreach (var row in rows)
        {
            // The same event twice: the first attempt wrote its row and failed later, the retry came in a later request.
            if (StoredEvents.EventOf(row) is not { } @event || !taken.Add((@event.Source, @event.Id)))
            {
                continue;
            }

            if (counts.Replayed == 0)
            {
                profile = StoredEvents.BeforeOf(row, CustomerRecords.ProfileRow(customerKey));
            }

            counts.Replayed++;
            var at = row.ReceivedAt;
            var headRow = CustomerRecords.HeadRow(customerKey, @event.SubjectKind, @event.SubjectId);
            var read = new CustomerRecord(customerKey, partition, profile, heads.GetValueOrDefault(headRow));
            IReadOnlyList<StoredOutcome> would;
            try
            {
                var decision = ingestor.Decide(@event, read, proposal, suppressed, at);
                profile = decision.Changes.Profile ?? profile;
                if (decision.Changes.Head is { } head)
                {
                    heads[headRow] = head;
                }

                Stop(messages, @event, proposal, decision, at);
                would = StoredEvents.Outcomes(decision);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                // As ingest: an event that cannot be decided fails alone.
                would = [.. proposal.Values.Where(r => r.Trigger == @event.Type).Select(r => new StoredOutcome(r.Id, false, null, null, "it could not be decided: " + ex.Message))];
            }

            foreach (var made in would.Where(o => o.Scheduled))
            {
                messages[made.Message!] = new Simulated(made.Rule, proposal[made.Rule].Category, made.Due!.Value);
                counts.Count(made.Rule, Tally.WouldSchedule);
            }

            var actual = StoredEvents.OutcomeOf(row);
            foreach (var made in actual.Where(o => o.Scheduled && o.Message is not null))
            {
                counts.Count(made.Rule, Tally.ActuallyScheduled);
                counts.ActualMessages[made.Message!] = made.Rule;
            }

            Compare(@event, row, would, actual, proposal, counts);
        }

        foreach (var message in messages.Values.Where(m => !m.Stopped))
        {
            counts.Count(message.Rule, Tally.WouldSend);
        }

        tally.Add(counts);
    }

    /// <summary>What the event stops of the proposal's messages still to come: those its type cancels, and marketing after a "no".</summary>
    private static void Stop(Dictionary<string, Simulated> messages, FollowUpEvent @event, IReadOnlyDictionary<string, Rule> proposal, EventIngestor.Decision decision, DateTimeOffset at)
    {
        foreach (var pointer in MessageScheduler.CancelledBy(@event, proposal, decision.Pointers))
        {
            if (messages.TryGetValue(pointer.MessageId, out var message) && message.Due > at)
            {
                message.Stopped = true;
            }
        }

        if (decision.WithdrewConsent)
        {
            foreach (var message in messages.Values.Where(m => m.Category == MessageCategory.Marketing && m.Due > at))
            {
                message.Stopped = true;
            }
        }

        foreach (var move in decision.Moves)
        {
            if (messages.TryGetValue(move.Send.MessageId, out var message))
            {
                message.Due = move.To;
            }
        }
    }

    private static void Compare(FollowUpEvent @event, EventRow row, IReadOnlyList<StoredOutcome> would, IReadOnlyList<StoredOutcome> actual, IReadOnlyDictionary<string, Rule> proposal, Tally counts)
    {
        foreach (var ruleId in would.Select(o => o.Rule).Union(actual.Select(o => o.Rule), StringComparer.Ordinal))
        {
            var proposed = would.FirstOrDefault(o => o.Rule == ruleId);
            var happened = actual.FirstOrDefault(o => o.Rule == ruleId);
            var (wouldSchedule, didSchedule) = (proposed?.Scheduled == true, happened?.Scheduled == true);
            if (wouldSchedule == didSchedule && (!wouldSchedule || proposed!.Due == happened!.Due))
            {
                continue;
            }

            var proposal1 = wouldSchedule
                ? $"would schedule for {At(proposed!.Due)}"
                : "would not schedule: " + (proposed?.Reason ?? (proposal.ContainsKey(ruleId) ? $"the rule does not start on {@event.Type}" : "the proposal has no such rule"));
            var actual1 = didSchedule
                ? $"scheduled for {At(happened!.Due)}"
                : "not scheduled: " + (happened?.Reason ?? $"no rule {ruleId} started on {@event.Type} then");
            counts.Differ(new ReplayDifference(@event.Id, @event.Source, @event.Type, @event.Customer.Id, row.ReceivedAt, ruleId, proposal1, actual1));
        }
    }

    private static string At(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) ?? "an unknown time";

    /// <summary>A message the proposal would have made, as the replay goes on.</summary>
    private sealed class Simulated(string rule, MessageCategory category, DateTimeOffset due)
    {
        public string Rule { get; } = rule;

        public MessageCategory Category { get; } = category;

        public DateTimeOffset Due { get; set; } = due;

        public bool Stopped { get; set; }
    }

    /// <summary>The counts: one per customer replayed, added into the replay's under a lock.</summary>
    private sealed class Tally(IReadOnlyDictionary<string, Rule> proposal)
    {
        public const int WouldSchedule = 0;
        public const int WouldSend = 1;
        public const int ActuallyScheduled = 2;
        public const int ActuallySent = 3;

        private readonly Dictionary<string, int[]> _rules = new(StringComparer.Ordinal);
        private readonly List<ReplayDifference> _differences = [];
        private int _read;
        private int _differenceCount;

        public int Replayed { get; set; }

        public bool Truncated { get; private set; }

        /// <summary>The messages actually made, by id, with their rule.</summary>
        public Dictionary<string, string> ActualMessages { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether one more event may be read.</summary>
        public bool Take()
        {
            if (Interlocked.Increment(ref _read) <= MaxEvents)
            {
                return true;
            }

            Truncated = true;
            return false;
        }

        public void Count(string rule, int what)
        {
            if (!_rules.TryGetValue(rule, out var counts))
            {
                _rules[rule] = counts = new int[4];
            }

            counts[what]++;
        }

        public void Differ(ReplayDifference difference)
        {
            _differenceCount++;
            _differences.Add(difference);
            if (_differences.Count > MaxDifferences * 2)
            {
                Trim();
            }
        }

        public void Add(Tally customer)
        {
            lock (_rules)
            {
                Replayed += customer.Replayed;
                foreach (var (rule, counts) in customer._rules)
                {
                    if (!_rules.TryGetValue(rule, out var sum))
                    {
                        _rules[rule] = sum = new int[4];
                    }

                    for (var what = 0; what < counts.Length; what++)
                    {
                        sum[what] += counts[what];
                    }
                }

                foreach (var (id, rule) in customer.ActualMessages)
                {
                    ActualMessages[id] = rule;
                }

                _differenceCount += customer._differenceCount - customer._differences.Count;
                foreach (var difference in customer._differences)
                {
                    Differ(difference);
                }
            }
        }

        public ReplayResult Result(DateTimeOffset from, DateTimeOffset to)
        {
            Trim();
            var rules = _rules.Keys.Union(proposal.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(id => _rules.TryGetValue(id, out var c)
                    ? new ReplayRuleCounts(id, proposal.ContainsKey(id), c[WouldSchedule], c[WouldSend], c[ActuallyScheduled], c[ActuallySent])
                    : new ReplayRuleCounts(id, true, 0, 0, 0, 0))
                .ToList();
            return new ReplayResult(from, to, Replayed, Truncated, rules, _differenceCount, [.. _differences]);
        }

        /// <summary>Keeps the earliest differences, so that the sample is the same however the partitions were read.</summary>
        private void Trim()
        {
            _differences.Sort((a, b) => a.ReceivedAt != b.ReceivedAt ? a.ReceivedAt.CompareTo(b.ReceivedAt)
                : string.CompareOrdinal(a.EventSource + "\n" + a.EventId + "\n" + a.RuleId, b.EventSource + "\n" + b.EventId + "\n" + b.RuleId));
            if (_differences.Count > MaxDifferences)
            {
                _differences.RemoveRange(MaxDifferences, _differences.Count - MaxDifferences);
            }
        }
    }
}
