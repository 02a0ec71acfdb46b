using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Alerts;

/// <summary>
/// The owner of the Alerts table: one row per message with an alert to send, due a little after the answer (so that a
/// comment written on the thanks page goes in the same mail), claimed by one sender at a time.
/// </summary>
public sealed class AlertOutbox(FollowUpTables tables, IOptions<AlertOptions> options, TimeProvider time)
{
    private const string Partition = "alert";

    private TableClient Table => tables.Alerts;

    /// <summary>Queues an alert about the message's answers up to <paramref name="through"/>; one already waiting is widened to it.</summary>
    public async Task EnqueueAsync(string messageId, int through, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await Table.AddEntityAsync(new TableEntity(Partition, messageId) { ["Through"] = through, ["NextAttemptAt"] = now + options.Value.Settle, ["Attempts"] = 0, ["InFlight"] = false, ["CreatedAt"] = now }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }

            var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue)
            {
                continue;
            }

            if ((found.Value!.GetInt32("Through") ?? -1) >= through)
            {
                return;
            }

            try
            {
                // Changing the row also tells a sender finishing the older alert that there is more to send.
                await Table.UpdateEntityAsync(new TableEntity(Partition, messageId) { ["Through"] = through }, found.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
            }
        }
    }

    /// <summary>Drops the message's waiting alert, if any (its customer was erased).</summary>
    public async Task ForgetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, messageId, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    public async Task<IReadOnlyList<PendingAlert>> DueAsync(int max, CancellationToken cancellationToken = default)
    {
        var due = new List<PendingAlert>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and NextAttemptAt le {time.GetUtcNow()}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(From(row));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>Takes the alert for one attempt; null when another sender took it first.</summary>
    public async Task<PendingAlert?> ClaimAsync(PendingAlert alert, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            var response = await Table.UpdateEntityAsync(
                new TableEntity(Partition, alert.MessageId) { ["InFlight"] = true, ["NextAttemptAt"] = time.GetUtcNow() + lease, ["Attempts"] = alert.Attempts + 1 },
                alert.ETag,
                TableUpdateMode.Merge,
                cancellationToken).ConfigureAwait(false);
            return alert with { Attempts = alert.Attempts + 1, InFlight = true, ETag = response.Headers.ETag ?? alert.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Done with the alert's answers up to <paramref name="covered"/>: the row goes, unless an answer came in meanwhile,
    /// when it waits to go out again.
    /// </summary>
    public async Task CompleteAsync(PendingAlert alert, int covered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var etag = alert.ETag;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await Table.DeleteEntityAsync(Partition, alert.MessageId, etag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, alert.MessageId, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!found.HasValue)
                {
                    return;
                }

                if ((found.Value!.GetInt32("Through") ?? -1) <= covered)
                {
                    etag = found.Value.ETag;
                    continue;
                }

                await ReleaseAsync(alert.MessageId, time.GetUtcNow() + options.Value.Settle, found.Value.ETag, null, resetAttempts: true, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Not sent this time, and surely not sent: tried again at <paramref name="next"/>.</summary>
    public Task RetryAsync(PendingAlert alert, DateTimeOffset next, string failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return ReleaseAsync(alert.MessageId, next, alert.ETag, failure, resetAttempts: false, cancellationToken);
    }

    private async Task ReleaseAsync(string messageId, DateTimeOffset next, ETag etag, string? failure, bool resetAttempts, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, messageId) { ["InFlight"] = false, ["NextAttemptAt"] = next };
        if (failure is not null)
        {
            row["LastError"] = failure;
        }

        if (resetAttempts)
        {
            row["Attempts"] = 0;
        }

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await Table.UpdateEntityAsync(row, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Widened meanwhile by a newer answer: it is still this sender's, and surely not sent.
                var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, messageId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!found.HasValue)
                {
                    return;
                }

                etag = found.Value!.ETag;
            }
        }
    }

    private static PendingAlert From(TableEntity row) =>
        new(row.RowKey, row.GetInt32("Through") ?? -1, row.GetInt32("Attempts") ?? 0, row.GetBoolean("InFlight") ?? false, row.GetDateTimeOffset("CreatedAt") ?? default, row.ETag);
}
