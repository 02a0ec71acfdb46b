using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Webhooks;

/// <summary>
/// The owner of the WebhookDeliveries table: the events waiting to reach each subscription (its partition), each kept
/// until its receiver takes it or a day of retries has passed, and then kept two days more as done, without its body.
/// A delivery's row key is its <c>webhook-id</c>, so an event queued twice — also again after a crash, once it was
/// delivered — is queued once.
/// </summary>
public sealed class WebhookOutbox(FollowUpTables tables, TimeProvider time)
{
    /// <summary>How long a delivered or given-up event is remembered, so that queueing it again changes nothing.</summary>
    public static readonly TimeSpan RememberDone = TimeSpan.FromDays(2);

    /// <summary>When done rows are due: never, in effect (the latest time Table Storage keeps).</summary>
    private static readonly DateTimeOffset Never = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private TableClient Table => tables.WebhookDeliveries;

    /// <summary>
    /// Queues each event for its subscription, stamped with the subscription's <paramref name="generations"/> (its
    /// creation time), so that a subscription deleted and made again under the same id never gets the old one's events.
    /// Those already queued (or done) are left as they are.
    /// </summary>
    public async Task EnqueueAsync(IReadOnlyList<(string SubscriptionId, string Id, string Type, string Body)> deliveries, IReadOnlyDictionary<string, long> generations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var now = time.GetUtcNow();
        foreach (var chunk in deliveries.GroupBy(d => d.SubscriptionId, StringComparer.Ordinal).SelectMany(group => group.DistinctBy(d => d.Id, StringComparer.Ordinal).Chunk(100)))
        {
            var rows = chunk.Select(d => new TableEntity(d.SubscriptionId, d.Id)
            {
                ["Type"] = d.Type,
                ["Body"] = d.Body,
                ["CreatedAt"] = now,
                ["NextAttemptAt"] = now,
                ["Attempts"] = 0,
                ["Generation"] = generations.GetValueOrDefault(d.SubscriptionId),
            }).ToList();
            try
            {
                await Table.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Some were queued by an earlier pass: the rest one by one.
                foreach (var row in rows)
                {
                    try
                    {
                        await Table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException conflict) when (conflict.Status == 409)
                    {
                    }
                }
            }
        }
    }

    /// <summary>Deliveries of the subscription due now, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DueAsync(string subscriptionId, int max, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = new List<WebhookDelivery>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subscriptionId} and NextAttemptAt le {now}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(From(row, now));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>Takes a delivery for one attempt, until <paramref name="until"/>; null when another sender took it first.</summary>
    public async Task<WebhookDelivery?> ClaimAsync(WebhookDelivery delivery, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            var response = await Table.UpdateEntityAsync(new TableEntity(delivery.SubscriptionId, delivery.Id) { ["NextAttemptAt"] = until, ["Attempts"] = delivery.Attempts + 1 }, delivery.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return delivery with { Attempts = delivery.Attempts + 1, ETag = response.Headers.ETag ?? delivery.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Delivered, or given up: done, remembered without its body for <see cref="RememberDone"/>.</summary>
    public async Task DoneAsync(WebhookDelivery delivery, string outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await Table.UpdateEntityAsync(
                new TableEntity(delivery.SubscriptionId, delivery.Id) { ["Body"] = string.Empty, ["NextAttemptAt"] = Never, ["Done"] = outcome, ["DoneAt"] = time.GetUtcNow() },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>Whether an event of the same message queued before <paramref name="delivery"/> is still waiting (for a retry, or with another sender).</summary>
    public async Task<bool> EarlierWaitingAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var message = delivery.Id[..(delivery.Id.LastIndexOf('-') + 1)];
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {delivery.SubscriptionId} and RowKey ge {message} and RowKey lt {delivery.Id} and NextAttemptAt lt {Never}");
        await foreach (var _ in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    /// <summary>Forgets done deliveries older than <see cref="RememberDone"/>.</summary>
    public async Task PruneAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subscriptionId} and NextAttemptAt ge {Never} and DoneAt lt {time.GetUtcNow() - RememberDone}");
        await DeleteAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Failed this time: tried again at <paramref name="next"/>, with why it failed.</summary>
    public async Task RetryAsync(WebhookDelivery delivery, DateTimeOffset next, string failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(delivery.SubscriptionId, delivery.Id) { ["NextAttemptAt"] = next, ["LastError"] = failure }, delivery.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }
    }

    /// <summary>Every delivery of the message's events, to any subscription (its customer was erased).</summary>
    public async Task ForgetMessageAsync(IEnumerable<string> subscriptionIds, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptionIds);
        foreach (var subscription in subscriptionIds)
        {
            await DeleteAsync(TableClient.CreateQueryFilter($"PartitionKey eq {subscription} and RowKey ge {messageId + "-"} and RowKey lt {messageId + "."}"), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>All of a deleted subscription's deliveries.</summary>
    public Task PurgeAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        DeleteAsync(TableClient.CreateQueryFilter($"PartitionKey eq {subscriptionId}"), cancellationToken);

    private async Task DeleteAsync(string filter, CancellationToken cancellationToken)
    {
        var keys = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row);
        }

        await TableRows.DeleteAsync(Table, keys, cancellationToken).ConfigureAwait(false);
    }

    private static WebhookDelivery From(TableEntity row, DateTimeOffset now) =>
        new(row.PartitionKey, row.RowKey, row.GetString("Type") ?? string.Empty, row.GetString("Body") ?? "{}", row.GetDateTimeOffset("CreatedAt") ?? now, row.GetInt32("Attempts") ?? 0, row.ETag)
        {
            Generation = row.GetInt64("Generation") ?? 0,
        };
}
