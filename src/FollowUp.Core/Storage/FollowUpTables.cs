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

    /// <summary>Every message with its whole life, partitioned by the minute it first fell due (see MessageIds).</summary>
    public TableClient Messages { get; } = service.GetTableClient(prefix + "Messages");

    /// <summary>The directory of Messages partitions that hold pending messages, so that finding what is due never reads what is not.</summary>
    public TableClient Schedule { get; } = service.GetTableClient(prefix + "Schedule");

    public TableClient Suppressions { get; } = service.GetTableClient(prefix + "Suppressions");

    public TableClient Coupons { get; } = service.GetTableClient(prefix + "Coupons");

    /// <summary>The Messages partitions with messages changed since reports last counted them (the change feed's index).</summary>
    public TableClient Changes { get; } = service.GetTableClient(prefix + "Changes");

    /// <summary>Report counters per month, day, rule and phase, kept as messages change; never a scan of messages.</summary>
    public TableClient Reports { get; } = service.GetTableClient(prefix + "Reports");

    /// <summary>Outbound webhook subscriptions.</summary>
    public TableClient Webhooks { get; } = service.GetTableClient(prefix + "Webhooks");

    /// <summary>Outbound webhook deliveries waiting or being retried, partitioned by subscription.</summary>
    public TableClient WebhookDeliveries { get; } = service.GetTableClient(prefix + "WebhookDeliveries");

    /// <summary>Alerts waiting to reach a person, one per message.</summary>
    public TableClient Alerts { get; } = service.GetTableClient(prefix + "Alerts");

    /// <summary>An audit entry per erasure, without personal data.</summary>
    public TableClient Audit { get; } = service.GetTableClient(prefix + "Audit");

    public IEnumerable<TableClient> All => [Events, Customers, Rules, Templates, Messages, Schedule, Suppressions, Coupons, Changes, Reports, Webhooks, WebhookDeliveries, Alerts, Audit];

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
