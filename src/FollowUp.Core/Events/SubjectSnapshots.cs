using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using FollowUp.Messages;
using FollowUp.Storage;

namespace FollowUp.Events;

/// <summary>
/// Remembers what events have said about an order or deal, so that a later, thinner event (an <c>order.delivered</c>
/// from the carrier carries no order lines) still gives its message the whole picture. Newer fields win.
/// </summary>
public sealed class SubjectSnapshots(FollowUpTables tables)
{
    /// <summary>Merges the event's order or deal into the stored snapshot and returns the event carrying the merged whole.</summary>
    /// <param name="event">The event.</param>
    /// <param name="subjectPartition">The order's or deal's partition in the index.</param>
    /// <param name="stored">The snapshot as last read (null when there is none); re-read only if someone wrote in between.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<FollowUpEvent> MergeAsync(FollowUpEvent @event, string subjectPartition, TableEntity? stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var name = @event.SubjectKind == SubjectKind.Deal ? "deal" : "order";
        if (@event.Data[name] is not JsonObject incoming)
        {
            return @event;
        }

        for (var attempt = 0; ; attempt++)
        {
            var merged = stored is null ? [] : JsonNode.Parse(stored.GetString("Json"))!.AsObject();
            var changed = stored is null;
            foreach (var (key, value) in incoming)
            {
                var text = value?.ToJsonString();
                if (merged[key]?.ToJsonString() != text)
                {
                    merged[key] = value?.DeepClone();
                    changed = true;
                }
            }

            try
            {
                if (changed)
                {
                    var entity = new TableEntity(subjectPartition, SubjectState.SnapshotRow) { ["Json"] = merged.ToJsonString() };
                    if (stored is not null)
                    {
                        await tables.MessageIndex.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await tables.MessageIndex.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                var fresh = await tables.MessageIndex.GetEntityIfExistsAsync<TableEntity>(subjectPartition, SubjectState.SnapshotRow, cancellationToken: cancellationToken).ConfigureAwait(false);
                stored = fresh.HasValue ? fresh.Value : null;
                continue;
            }

            var data = @event.Data.DeepClone().AsObject();
            data[name] = merged;
            return @event with { Data = data };
        }
    }
}
