using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// Everything the index holds about one order or deal, read in a single partition query: the event types it has
/// seen, the snapshot of its data, and its messages.
/// </summary>
public sealed record SubjectState(IReadOnlySet<string> Seen, TableEntity? Snapshot, IReadOnlyList<(string MessageId, string CustomerKey)> Messages)
{
    public const string SnapshotRow = "snapshot";

    public static async Task<SubjectState> LoadAsync(FollowUpTables tables, string subjectPartition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var messages = new List<(string, string)>();
        TableEntity? snapshot = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subjectPartition}");
        await foreach (var row in tables.MessageIndex.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith("e:", StringComparison.Ordinal))
            {
                seen.Add(row.RowKey[2..]);
            }
            else if (row.RowKey.StartsWith("m:", StringComparison.Ordinal))
            {
                messages.Add((row.RowKey[2..], row.GetString(MessageIndexKeys.CustomerKeyProperty)));
            }
            else if (row.RowKey == SnapshotRow)
            {
                snapshot = row;
            }
        }

        return new SubjectState(seen, snapshot, messages);
    }
}
