using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Events;

/// <summary>
/// Remembers what events have said about an order or deal, so that a later, thinner event (an <c>order.delivered</c>
/// from the carrier carries no order lines) still gives its message the whole picture. Newer fields win.
/// </summary>
public sealed class SubjectSnapshots(FollowUpTables tables)
{
    private const string Row = "snapshot";

    /// <summary>Merges the event's order or deal into the stored snapshot and returns the event carrying the merged whole.</summary>
    public async Task<FollowUpEvent> MergeAsync(FollowUpEvent @event, string subjectPartition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var name = @event.SubjectKind == SubjectKind.Deal ? "deal" : "order";
        if (@event.Data[name] is not JsonObject incoming)
        {
            return @event;
        }

        for (var attempt = 0; ; attempt++)
        {
            var stored = await tables.MessageIndex.GetEntityIfExistsAsync<TableEntity>(subjectPartition, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
            var merged = stored.HasValue ? JsonNode.Parse(stored.Value!.GetString("Json"))!.AsObject() : [];
            var changed = !stored.HasValue;
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
                    var entity = new TableEntity(subjectPartition, Row) { ["Json"] = merged.ToJsonString() };
                    if (stored.HasValue)
                    {
                        await tables.MessageIndex.UpdateEntityAsync(entity, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await tables.MessageIndex.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                continue;
            }

            var data = @event.Data.DeepClone().AsObject();
            data[name] = merged;
            return @event with { Data = data };
        }
    }
}
