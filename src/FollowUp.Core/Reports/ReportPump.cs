using FollowUp.Messages;
using FollowUp.Rules;
using Microsoft.Extensions.Logging;

namespace FollowUp.Reports;

/// <summary>
/// Keeps the report counters up to date: reads the messages changed since they were last counted, counts what changed
/// (<see cref="ReportFacts"/>), and records the count on each message. Every step can be repeated after a crash: a count
/// is noted on the message before counters change, counters change once per note (their marker), and the note is
/// finished after.
/// </summary>
public sealed partial class ReportPump(MessageLife life, ReportCounters counters, TimeProvider time, ILogger<ReportPump> logger)
{
    private const int MaxPartitionsPerPass = 200;
    private const int MaxRowsPerPartition = 500;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan DueSoon = TimeSpan.FromMinutes(1);

    private int _running;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>Counts every change listed; returns how many messages were counted.</summary>
    public async Task<int> CountChangesAsync(CancellationToken cancellationToken = default)
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
                var rows = await life.ChangedInAsync(listed.Partition, MaxRowsPerPartition, cancellationToken).ConfigureAwait(false);
                counted += await CountAsync(rows, cancellationToken).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    await life.RetireChangedAsync(listed, cancellationToken).ConfigureAwait(false);
                }
            }

            if (time.GetUtcNow() - _lastPrune > PruneEvery)
            {
                await counters.PruneMarkersAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task<int> CountAsync(IReadOnlyList<MessageEntity> rows, CancellationToken cancellationToken)
    {
        var unchanged = new List<MessageEntity>();
        var begin = new List<MessageEntity>();
        var resume = new List<MessageEntity>();
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            // A message about to be claimed, or being sent, is left to its dispatcher: a write here would only make its
            // claim or its outcome try again. It stays marked, and is counted once it is sent.
            if (InDispatchersHands(row, now))
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

        if (unchanged.Count > 0)
        {
            await life.ClearChangedAsync(unchanged, cancellationToken).ConfigureAwait(false);
        }

        var counting = resume.Concat(await life.BeginCountAsync(begin, cancellationToken).ConfigureAwait(false)).ToList();
        await counters.ApplyAsync(
            [.. counting.Select(row => new MessageCount(
                row.RowKey,
                row.CountingVersion,
                [.. ReportFacts.Delta(row.RuleId, string.IsNullOrEmpty(row.Phase) ? JourneyPhases.Name(JourneyPhases.OfTrigger(row.EventType)) : row.Phase, ReportFacts.Read(row.Counted), ReportFacts.Read(row.Counting))]))],
            cancellationToken).ConfigureAwait(false);

        await life.FinishCountAsync(counting, cancellationToken).ConfigureAwait(false);
        return counting.Count;
    }

    private static bool InDispatchersHands(MessageEntity row, DateTimeOffset now) =>
        (row.Status == nameof(MessageStatus.Scheduled) && row.DueAt <= now + DueSoon)
        || (row.Status == nameof(MessageStatus.Claimed) && row.ClaimedUntil > now);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Counted the changes of {Count} messages for reports")]
    private static partial void LogCounted(ILogger logger, int count);
}
