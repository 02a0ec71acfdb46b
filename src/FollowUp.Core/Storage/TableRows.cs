using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>Deleting many rows: a transaction per 100 of a partition, and one by one when one went meanwhile.</summary>
public static class TableRows
{
    public static async Task DeleteAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var chunk in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal).SelectMany(partition => partition.Chunk(100)))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // One went meanwhile (another pass, another erasure, a delivery done): the others one by one.
                foreach (var row in chunk)
                {
                    try
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException ex) when (ex.Status == 404)
                    {
                    }
                }
            }
        }
    }
}
