using Azure;
using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// Part of the Schedule table (owned with it by <see cref="MessageLife"/>): the messages held because their rule is
/// disabled, one partition per rule, so that enabling or deleting the rule finds them without reading every message.
/// A marker is written before its message is held, so a held message always has one; a marker whose message is no
/// longer held is removed when it is found.
/// </summary>
internal sealed class HeldMessages(TableClient table)
{
    private const string Prefix = "held-";

    public async Task MarkAsync(string ruleId, IEnumerable<string> messageIds, CancellationToken cancellationToken)
    {
        var rows = messageIds.Distinct(StringComparer.Ordinal).Select(id => new TableEntity(Prefix + ruleId, id)).ToList();
        foreach (var chunk in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<List<string>> ListAsync(string ruleId, int max, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Prefix + ruleId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ids.Add(row.RowKey);
            if (ids.Count >= max)
            {
                break;
            }
        }

        return ids;
    }

    /// <summary>The rules that have messages held, one short read per rule.</summary>
    public async Task<List<string>> RulesAsync(CancellationToken cancellationToken)
    {
        var rules = new List<string>();
        for (var after = Prefix; ;)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey gt {after} and PartitionKey lt {"held."}");
            string? next = null;
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                next = row.PartitionKey;
                break;
            }

            if (next is null)
            {
                return rules;
            }

            rules.Add(next[Prefix.Length..]);

            // "gt" a partition key passes every row of that partition.
            after = next;
        }
    }

    public async Task RemoveAsync(string ruleId, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(Prefix + ruleId, messageId, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}
