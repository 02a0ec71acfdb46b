using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// The owner of the Changes table: one row per Messages partition where a message may have changed since reports last
/// counted it. A writer touches the row before it writes there; the feed retires it once the partition holds no
/// change and nobody touched it for a while, under the row's ETag so that a touch always wins.
/// </summary>
internal sealed class ChangeIndex(TableClient table, TimeProvider time)
{
    /// <summary>Far longer than any write takes after its touch, and than <see cref="Remembered"/>.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(5);

    /// <summary>How long this process trusts its own touch, so that a busy partition costs one touch a minute.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    private const string IndexPartition = "changed";
    private const string TouchedAt = "TouchedAt";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);

    public async Task TouchAsync(string partition, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_touched.TryGetValue(partition, out var at) && at > now - Remembered)
        {
            return;
        }

        await table.UpsertEntityAsync(new TableEntity(IndexPartition, partition) { [TouchedAt] = now }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (_touched.Count > 4096)
        {
            foreach (var (key, touched) in _touched)
            {
                if (touched <= now - Remembered)
                {
                    _touched.TryRemove(key, out _);
                }
            }
        }

        _touched[partition] = now;
    }

    public async Task TouchAsync(IEnumerable<string> partitions, CancellationToken cancellationToken)
    {
        foreach (var partition in partitions.Distinct(StringComparer.Ordinal))
        {
            await TouchAsync(partition, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ChangedPartition>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var rows = new List<ChangedPartition>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == IndexPartition, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ChangedPartition(row.RowKey, row.GetDateTimeOffset(TouchedAt), row.ETag));
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Drops a partition found with no change left, unless it was touched lately or since it was listed.</summary>
    public async Task TryRetireAsync(ChangedPartition listed, CancellationToken cancellationToken)
    {
        if (listed.TouchedAt > time.GetUtcNow() - Quiet)
        {
            return;
        }

        try
        {
            await table.DeleteEntityAsync(IndexPartition, listed.Partition, listed.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Touched since it was listed: it stays for the next pass.
        }
    }
}
