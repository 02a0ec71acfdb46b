using Azure;
using FollowUp.Alerts;
using FollowUp.Messages;
using FollowUp.Reports;
using FollowUp.Rules;
using FollowUp.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Feed;

/// <summary>
/// Hands every change of a message on: reads the messages changed since they were last handled, counts what changed
/// for reports (<see cref="ReportFacts"/>), queues their new ledger entries for the webhook subscriptions that want them,
/// and records both on each message. Every step can be repeated after a crash: a count is noted on the message before
/// counters change, counters change once per note (their marker), webhook deliveries are queued under ids that make a
/// second queueing a no-op, and the message records what was handled last.
/// </summary>
public sealed partial class ChangeFeed(
    MessageLife life,
    ReportCounters counters,
    WebhookSubscriptions subscriptions,
    WebhookOutbox outbox,
    AlertOutbox alerts,
    RuleBook rules,
    IOptions<AlertOptions> alerting,
    IOptions<FollowUpOptions> options,
    CustomerRecords customers,
    IOptions<ReplayOptions> replay,
    TimeProvider time,
    ILogger<ChangeFeed> logger)
{
    private const int MaxPartitionsPerPass = 5000;
    private const int MaxRowsPerPartition = 500;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan DueSoon = TimeSpan.FromMinutes(1);

    /// <summary>How long a stand-in (a cancel's row written before its message's own) is left to be filled in first.</summary>
    private static readonly TimeSpan StandInGrace = TimeSpan.FromMinutes(10);

    private int _running;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>Counts every change listed; returns how many messages were counted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        // One pass at a time per process; passes of two processes at once are safe, only wasteful.
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return 0;
        }

        try
        {
            var counted = 0;
            foreach (var listed in await life.ChangedPartitionsAsync(MaxPartitionsPerPass, cancellationToken).ConfigureAwait(false))
            {
                // One partition that cannot be read (a row storage cannot deserialize, a timeout) does not hold up the others.
                try
                {
                    // The ledger is read only when a subscription wants it: counting and alerts need none of it.
                    var publishing = (await subscriptions.EnabledAsync(cancellationToken).ConfigureAwait(false)).Count > 0;
                    var rows = await life.ChangedInAsync(listed.Partition, MaxRowsPerPartition, publishing, cancellationToken).ConfigureAwait(false);
                    counted += await CountAsync(rows, publishing, cancellationToken).ConfigureAwait(false);
                    if (rows.Count == 0)
                    {
                        await life.RetireChangedAsync(listed, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException or System.Text.Json.JsonException or FormatException or TimeoutException or IOException)
                {
                    LogPartitionFailed(logger, ex, listed.Partition);
                }
            }

            if (time.GetUtcNow() - _lastPrune > PruneEvery)
            {
                await counters.PruneMarkersAsync(cancellationToken).ConfigureAwait(false);

                // Events kept for replays, once past their retention: 16 queries an hour, whatever ingest does.
                await customers.PruneEventsAsync(time.GetUtcNow() - replay.Value.RetentionSpan(), cancellationToken).ConfigureAwait(false);
                _lastPrune = time.GetUtcNow();
            }

            if (counted > 0)
            {
                LogCounted(logger, counted);
            }

            return counted;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task<int> CountAsync(IReadOnlyList<MessageEntity> rows, bool publishing, CancellationToken cancellationToken)
    {
        var unchanged = new List<MessageEntity>();
        var begin = new List<MessageEntity>();
        var resume = new List<MessageEntity>();
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            // A message about to be claimed, or being sent, is left to its dispatcher: a write here would only make its
            // claim or its outcome try again. It stays marked, and is counted once it is sent.
            if (InDispatchersHands(row, now) || (row.StandIn == true && row.Timestamp > now - StandInGrace))
            {
                continue;
            }

            if (!string.IsNullOrEmpty(row.Counting))
            {
                resume.Add(row);
                continue;
            }

            var before = ReportFacts.Read(row.Counted);
            var after = ReportFacts.Of(row, before);
            if (after.Count == before.Count && after.All(fact => before.TryGetValue(fact.Key, out var value) && value == fact.Value))
            {
                unchanged.Add(row);
                continue;
            }

            row.Counting = ReportFacts.Write(after);
            row.CountingVersion = row.CountedVersion + 1;
            begin.Add(row);
        }

        var begun = await life.BeginCountAsync(begin, cancellationToken).ConfigureAwait(false);
        var counting = resume.Concat(begun).ToList();
        await AlertAsync([.. unchanged, .. counting], cancellationToken).ConfigureAwait(false);
        await PublishAsync([.. unchanged, .. counting], publishing, cancellationToken).ConfigureAwait(false);
        if (unchanged.Count > 0)
        {
            await life.ClearChangedAsync(unchanged, cancellationToken).ConfigureAwait(false);
        }

        var failed = await counters.ApplyAsync(
            [.. counting.Select(row => new MessageCount(
                row.RowKey,
                row.CountingVersion,
                [.. ReportFacts.Delta(row.RuleId, string.IsNullOrEmpty(row.Phase) ? JourneyPhases.Name(JourneyPhases.OfTrigger(row.EventType)) : row.Phase, ReportFacts.Read(row.Counted), ReportFacts.Read(row.Counting))]))],
            cancellationToken).ConfigureAwait(false);

        // A count storage would not take stays begun, for the next pass to finish; one begun by another pass may
        // lack what changed since, so its row stays marked.
        await life.FinishCountAsync([.. begun.Where(row => !failed.Contains(row.RowKey))], clearFeed: true, cancellationToken).ConfigureAwait(false);
        await life.FinishCountAsync([.. resume.Where(row => !failed.Contains(row.RowKey))], clearFeed: false, cancellationToken).ConfigureAwait(false);
        if (failed.Count > 0)
        {
            // Their counts wait for the next pass, but what was queued for webhooks is recorded now.
            await life.RecordPublishedAsync([.. counting.Where(row => failed.Contains(row.RowKey))], cancellationToken).ConfigureAwait(false);
            LogCountsRefused(logger, failed.Count);
        }

        return counting.Count - failed.Count;
    }

    /// <summary>
    /// Queues each message's ledger entries since the last it handed on for the subscriptions that want them, and notes
    /// on the row (<see cref="MessageEntity.Published"/>) how far it got, for the caller to record.
    /// </summary>
    private async Task PublishAsync(IReadOnlyList<MessageEntity> rows, bool publishing, CancellationToken cancellationToken)
    {
        if (!publishing)
        {
            // Nobody subscribes: nothing to queue, and no ledger was read. What happened until now is not sent to a
            // subscription made later; the row says the ledger was handed on as far as it went.
            foreach (var row in rows)
            {
                row.Published = Math.Max(row.Published ?? 0, row.Entries);
            }

            return;
        }

        var wanting = await subscriptions.EnabledAsync(cancellationToken).ConfigureAwait(false);
        var source = MessageCloudEvents.SourceOf(options.Value.PublicBaseUrl);
        var deliveries = new List<(string SubscriptionId, string Id, string Type, string Body)>();
        foreach (var row in rows)
        {
            var history = row.GetHistory();
            var end = row.HistoryDropped + history.Count;

            // A row from before webhooks existed has its past behind it: only what happens from now on is sent.
            var from = row.Published ?? end;
            for (var index = Math.Max(from, row.HistoryDropped); index < end && wanting.Count > 0; index++)
            {
                var entry = history[index - row.HistoryDropped];
                if (WebhookEventTypes.Of(entry) is not { } type)
                {
                    continue;
                }

                string? body = null;
                foreach (var subscription in wanting.Where(s => s.Wants(type)))
                {
                    body ??= MessageCloudEvents.Create(row, entry, index, type, source);
                    deliveries.Add((subscription.Id, MessageCloudEvents.IdOf(row.RowKey, index), type, body));
                }
            }

            row.Published = Math.Max(from, end);
        }

        await outbox.EnqueueAsync(deliveries, wanting.ToDictionary(w => w.Id, w => w.CreatedAt.UtcTicks, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts each message whose new answer (or comment) needs a person on the alert list, and queues its alert mail
    /// unless it went already. The list is kept with alert mails off too: it is where the console shows them.
    /// </summary>
    private async Task AlertAsync(IReadOnlyList<MessageEntity> rows, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, Rule>? ruleSet = null;
        foreach (var row in rows)
        {
            var index = row.AnsweredIndex;
            if (row.Erased == true || index < 0 || index < (row.Published ?? int.MaxValue))
            {
                continue;
            }

            ruleSet ??= await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
            if (AlertPolicy.Why(row, ruleSet.GetValueOrDefault(row.RuleId)) is not { } why)
            {
                continue;
            }

            // The feed reads no choices; the answer's words are read for the few answers that need a person.
            var label = (await life.GetAsync(row.RowKey, cancellationToken).ConfigureAwait(false))?.GetChoices().FirstOrDefault(c => c.Answer == row.Answer)?.Label;
            await alerts.RaiseAsync(row, why, label, cancellationToken).ConfigureAwait(false);
            if (alerting.Value.Enabled && index > row.AlertedThrough)
            {
                await alerts.EnqueueAsync(row.RowKey, index, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool InDispatchersHands(MessageEntity row, DateTimeOffset now) =>
        (row.Status == nameof(MessageStatus.Scheduled) && row.DueAt <= now + DueSoon)
        || (row.Status == nameof(MessageStatus.Claimed) && row.ClaimedUntil > now);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage kept refusing the counts of {Count} messages; they are tried again on the next pass")]
    private static partial void LogCountsRefused(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The changes in partition {Partition} could not be handled this pass; tried again on the next")]
    private static partial void LogPartitionFailed(ILogger logger, Exception exception, string partition);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Counted the changes of {Count} messages for reports")]
    private static partial void LogCounted(ILogger logger, int count);
}
