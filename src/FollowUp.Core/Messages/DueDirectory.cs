using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// The owner of the Schedule table: one row per Messages partition that may hold pending messages, so that "what is
/// due" is one key-range read of this directory and then one read per partition due, never a read of anything due later.
/// A writer touches a partition's row before it writes a pending message there; a dispatcher retires the row once the
/// partition is old, quiet and holds nothing pending, under the row's ETag so that a writer's touch always wins.
/// </summary>
internal sealed class DueDirectory(TableClient table, TimeProvider time)
{
    /// <summary>Longer than any clock skew between instances and any pause between a touch and the write after it.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(5);

    private const string DirectoryPartition = "due";
    private const string TouchedAt = nameof(DuePartition.TouchedAt);
    private const string HandedOutThrough = nameof(DuePartition.HandedOutThrough);
    private const string HandedOutAt = nameof(DuePartition.HandedOutAt);
    private const string NextDueAt = nameof(DuePartition.NextDueAt);
    private const string LeasedAt = nameof(DuePartition.LeasedAt);

    // Partitions of the current minutes this process has touched: the next message for them needs no write here.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);

    /// <summary>Makes sure the directory lists <paramref name="partition"/> before a pending message is written there.</summary>
    public async Task TouchAsync(string partition, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var minute = MessageIds.MinuteOf(partition);

        // A partition of a past minute may be about to be retired: only a fresh touch keeps it listed.
        var current = minute >= now - TimeSpan.FromMinutes(1);
        if (current && _touched.ContainsKey(partition))
        {
            return;
        }

        // A past minute's row is replaced whole: whatever a pass noted there (the next due time, a lease) no longer holds.
        await table.UpsertEntityAsync(new TableEntity(DirectoryPartition, partition) { [TouchedAt] = now }, current ? TableUpdateMode.Merge : TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (current)
        {
            if (_touched.Count > 4096)
            {
                foreach (var (key, at) in _touched)
                {
                    if (at < now - TimeSpan.FromMinutes(2))
                    {
                        _touched.TryRemove(key, out _);
                    }
                }
            }

            _touched[partition] = minute;
        }
    }

    /// <summary>The listed partitions whose minute has begun by <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DuePartition>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var upTo = MessageIds.Minute(now.AddMinutes(1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DirectoryPartition} and RowKey lt {upTo}");
        var due = new List<DuePartition>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(From(row));
        }

        return due;
    }

    /// <summary>The listed partitions of the first listed minute after <paramref name="after"/>'s, in one read.</summary>
    public async Task<IReadOnlyList<DuePartition>> FirstMinuteAfterAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        var from = MessageIds.Minute(after.AddMinutes(1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DirectoryPartition} and RowKey ge {from}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 4, cancellationToken: cancellationToken).AsPages(pageSizeHint: 4).ConfigureAwait(false))
        {
            var rows = page.Values.Select(From).ToList();
            return rows.Count == 0 ? rows : rows.FindAll(row => MessageIds.MinuteOf(row.Partition) == MessageIds.MinuteOf(rows[0].Partition));
        }

        return [];
    }

    /// <summary>
    /// Drops a partition found with nothing pending, if it is old and nobody touched it lately. False when a writer
    /// touched it since it was read: it stays listed for the next pass.
    /// </summary>
    public async Task<bool> TryRetireAsync(DuePartition listed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!IsOldAndQuiet(listed, now))
        {
            return false;
        }

        try
        {
            await table.DeleteEntityAsync(DirectoryPartition, listed.Partition, listed.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Notes, for an old partition whose pending messages all wait for later, when the first falls due, so that passes
    /// skip it until then. Only old partitions: no new message can land there without a touch, which clears the note.
    /// </summary>
    public async Task TryPostponeAsync(DuePartition listed, DateTimeOffset nextDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!IsOldAndQuiet(listed, now) || listed.NextDueAt == nextDue)
        {
            return;
        }

        try
        {
            await table.UpdateEntityAsync(new TableEntity(DirectoryPartition, listed.Partition) { [NextDueAt] = nextDue }, listed.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Touched meanwhile: the next pass reads it again.
        }
    }

    /// <summary>
    /// Records that the partition's messages due up to <paramref name="through"/> were handed out now; false when
    /// someone else changed the row first. A lease runs from its first hand-out, so later hand-outs of newly due
    /// messages do not keep extending it over an earlier batch that was lost.
    /// </summary>
    public async Task<bool> TryLeaseAsync(DuePartition listed, DateTimeOffset through, bool renew, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var row = new TableEntity(DirectoryPartition, listed.Partition) { [HandedOutThrough] = through, [HandedOutAt] = now };
            if (renew)
            {
                row[LeasedAt] = now;
            }

            await table.UpdateEntityAsync(
                row,
                listed.ETag,
                TableUpdateMode.Merge,
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>A partition no writer can still be adding to: its minute ended, and nobody touched it, longer than <see cref="Quiet"/> ago.</summary>
    private static bool IsOldAndQuiet(DuePartition listed, DateTimeOffset now) =>
        MessageIds.MinuteOf(listed.Partition).AddMinutes(1) <= now - Quiet && !(listed.TouchedAt > now - Quiet);

    private static DuePartition From(TableEntity row) =>
        new(row.RowKey, row.GetDateTimeOffset(TouchedAt), row.GetDateTimeOffset(HandedOutThrough), row.GetDateTimeOffset(HandedOutAt), row.ETag, row.GetDateTimeOffset(NextDueAt), row.GetDateTimeOffset(LeasedAt));
}
