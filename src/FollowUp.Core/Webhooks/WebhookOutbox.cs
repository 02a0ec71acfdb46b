using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Webhooks;

/// <summary>
/// The owner of the WebhookDeliveries table: the events waiting to reach each subscription (its partition), each kept
/// until its receiver takes it or a day of retries has passed. A delivery's row key is its <c>webhook-id</c>, so an
/// event queued twice is queued once.
/// </summary>
public sealed class WebhookOutbox(FollowUpTables tables, TimeProvider time)
{
    private TableClient Table => tables.WebhookDeliveries;

    /// <summary>Queues each event for its subscription; those already queued are left as they are.</summary>
    public async Task EnqueueAsync(IReadOnlyList<(string SubscriptionId, string Id, string Type, string Body)> deliveries, CancellationToken cancellationToken = default)
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
            due.Add(new WebhookDelivery(row.PartitionKey, row.RowKey, row.GetString("Type") ?? string.Empty, row.GetString("Body") ?? "{}", row.GetDateTimeOffset("CreatedAt") ?? now, row.GetInt32("Attempts") ?? 0, row.ETag));
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

    /// <summary>Delivered, or given up: the row goes.</summary>
    public async Task RemoveAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await Table.DeleteEntityAsync(delivery.SubscriptionId, delivery.Id, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
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

    /// <summary>All of a deleted subscription's deliveries.</summary>
    public async Task PurgeAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        var keys = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == subscriptionId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            try
            {
                await Table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // Some went meanwhile (delivered): what is left goes with the next delete, or is never sent to anyone.
            }
        }
    }
}
