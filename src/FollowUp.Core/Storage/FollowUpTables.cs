using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// The tables FollowUp keeps, all named with one prefix so that several installations (or tests) can share an account.
/// </summary>
public sealed class FollowUpTables(TableServiceClient service, string prefix)
{
    public TableClient Events { get; } = service.GetTableClient(prefix + "Events");

    public TableClient Customers { get; } = service.GetTableClient(prefix + "Customers");

    public TableClient Rules { get; } = service.GetTableClient(prefix + "Rules");

    public TableClient Templates { get; } = service.GetTableClient(prefix + "Templates");

    /// <summary>Every message with its whole life, partitioned by customer.</summary>
    public TableClient Messages { get; } = service.GetTableClient(prefix + "Messages");

    /// <summary>Lookups into <see cref="Messages"/>: by message id, and by order or deal (with the events each has seen).</summary>
    public TableClient MessageIndex { get; } = service.GetTableClient(prefix + "MessageIndex");

    /// <summary>Pending sends keyed by due time, so that finding what is due never reads what is not.</summary>
    public TableClient Schedule { get; } = service.GetTableClient(prefix + "Schedule");

    public TableClient Suppressions { get; } = service.GetTableClient(prefix + "Suppressions");

    public TableClient Coupons { get; } = service.GetTableClient(prefix + "Coupons");

    public IEnumerable<TableClient> All => [Events, Customers, Rules, Templates, Messages, MessageIndex, Schedule, Suppressions, Coupons];

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in All)
        {
            await table.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
