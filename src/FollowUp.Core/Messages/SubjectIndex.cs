using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// The owner of the MessageIndex table. Each order or deal of each customer has a partition holding the events it has
/// seen (<c>e:{type}|{time}</c>, the time in ticks or <c>-</c> when the event had none), a snapshot of what events said
/// about it, and one row per message (<c>m:{hash}</c>, naming the message id); each customer has a partition
/// <c>c:{customer}</c> with the same rows, listing all of that customer's messages.
/// An order or deal belongs to one customer: the same order id under two customers is two partitions, so they never
/// share a message, a cancellation or a link.
/// </summary>
public sealed class SubjectIndex(FollowUpTables tables)
{
    public const string CustomerKeyProperty = "CustomerKey";
    private const string MessageIdProperty = "MessageId";
    private const string SnapshotRow = "snapshot";
    private const string EventPrefix = "e:";
    private const string MessagePrefix = "m:";

    private TableClient Table => tables.MessageIndex;

    /// <summary>The partition of one customer's order or deal. Encoded ids never contain '|', so the parts cannot run together.</summary>
    public static string PartitionFor(SubjectKind kind, string customerId, string subjectId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(subjectId);
        return (kind == SubjectKind.Deal ? "d:" : "o:") + TableKey.Encode(customerId) + "|" + TableKey.Encode(subjectId);
    }

    public static string PartitionFor(FollowUpEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return PartitionFor(@event.SubjectKind, @event.Customer.Id, @event.SubjectId);
    }

    public async Task<SubjectState> LoadAsync(string partition, CancellationToken cancellationToken = default)
    {
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var messages = new List<SubjectMessage>();
        TableEntity? snapshot = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith(EventPrefix, StringComparison.Ordinal))
            {
                Note(seen, row.RowKey);
            }
            else if (row.RowKey.StartsWith(MessagePrefix, StringComparison.Ordinal))
            {
                messages.Add(new SubjectMessage(MessageIdOf(row), row.GetString(CustomerKeyProperty)));
            }
            else if (row.RowKey == SnapshotRow)
            {
                snapshot = row;
            }
        }

        return new SubjectState(partition, seen, snapshot, messages);
    }

    /// <summary>The event types this order or deal has seen and when, read fresh: a scheduler checks it after writing its message.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> SeenAsync(string partition, CancellationToken cancellationToken = default)
    {
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {EventPrefix} and RowKey lt {"e;"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            Note(seen, row.RowKey);
        }

        return seen;
    }

    /// <summary>
    /// Notes that the order or deal has seen this event, with its time (null when it had none). Written before its
    /// messages are read, so that a concurrent scheduler either is seen or sees it. One row per type and time, so
    /// that no write has to read first and the latest time of each type is always there.
    /// </summary>
    public async Task RecordEventAsync(string partition, string eventType, DateTimeOffset? at, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(
            new TableEntity(partition, $"{EventPrefix}{eventType}|{(at is { } time ? time.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) : "-")}"),
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);

    /// <summary>Keeps the latest time per type; an event without a time counts as the latest of all, so it cancels anything.</summary>
    private static void Note(Dictionary<string, DateTimeOffset> seen, string rowKey)
    {
        var text = rowKey[EventPrefix.Length..];
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        var type = bar < 0 ? text : text[..bar];
        var at = bar >= 0 && long.TryParse(text.AsSpan(bar + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : DateTimeOffset.MaxValue;
        seen[type] = seen.TryGetValue(type, out var earlier) && earlier > at ? earlier : at;
    }

    /// <summary>
    /// Indexes a message before its row is written, so that a cancelling event that reads the index finds it, and
    /// decides its id: the first writer's id wins, so that two copies of one event racing (whose due times may fall in
    /// different minutes) make one message. Rows are keyed by the id's hash, which is the same for every copy.
    /// </summary>
    /// <returns>The message's id: <paramref name="candidateId"/>, or the one indexed before it.</returns>
    public async Task<string> AddMessageAsync(string partition, string candidateId, string customerKey, CancellationToken cancellationToken = default)
    {
        var row = MessagePrefix + MessageIds.HashOf(candidateId);
        var messageId = candidateId;
        try
        {
            await Table.AddEntityAsync(new TableEntity(partition, row) { [CustomerKeyProperty] = customerKey, [MessageIdProperty] = candidateId }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await Table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            messageId = existing.Value.GetString(MessageIdProperty) ?? candidateId;
        }

        // The customer's list of messages; rewritten on a replay, in case the first attempt stopped before it.
        await Table.UpsertEntityAsync(new TableEntity(CustomerPartition(customerKey), row) { [MessageIdProperty] = messageId }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return messageId;
    }

    /// <summary>One page of a customer's message ids.</summary>
    public async Task<(IReadOnlyList<string> MessageIds, string? ContinuationToken)> ListCustomerMessagesAsync(string customerKey, int limit, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CustomerPartition(customerKey)}");
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit).ConfigureAwait(false))
        {
            return (page.Values.Select(MessageIdOf).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    private static string CustomerPartition(string customerKey) => "c:" + customerKey;

    private static string MessageIdOf(TableEntity row) => row.GetString(MessageIdProperty) ?? string.Empty;

    /// <summary>
    /// Merges the event's order or deal into the stored snapshot and returns the event carrying the merged whole, so
    /// that a later, thinner event (a carrier's <c>order.delivered</c> has no lines) still gives its message the whole
    /// picture. Fields of the event with the later <c>time</c> win, whatever order events arrive in: an older event
    /// only fills in what is missing (an event without a time counts as the latest). A merge that would outgrow what an event may carry keeps the newest event's data
    /// alone, so the snapshot stays bounded however many events an order sees.
    /// </summary>
    public async Task<FollowUpEvent> MergeSnapshotAsync(FollowUpEvent @event, TableEntity? stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var partition = PartitionFor(@event);
        var name = @event.SubjectKind == SubjectKind.Deal ? "deal" : "order";
        if (@event.Data[name] is not JsonObject incoming)
        {
            return @event;
        }

        for (var attempt = 0; ; attempt++)
        {
            var merged = Parse(stored);
            var changed = stored is null;
            var asOf = stored?.GetDateTimeOffset("AsOf");
            var older = @event.Time is { } eventTime && asOf is { } latest && eventTime < latest;
            foreach (var (key, value) in incoming)
            {
                var text = value?.ToJsonString();
                if ((!older || !merged.ContainsKey(key)) && merged[key]?.ToJsonString() != text)
                {
                    merged[key] = value?.DeepClone();
                    changed = true;
                }
            }

            var newAsOf = older ? asOf : @event.Time ?? asOf;
            changed |= newAsOf != asOf;

            var json = merged.ToJsonString(FollowUpJson.Storage);
            if (json.Length > EventParser.MaxDataLength)
            {
                merged = incoming.DeepClone().AsObject();
                json = merged.ToJsonString(FollowUpJson.Storage);
            }

            try
            {
                if (changed)
                {
                    var entity = new TableEntity(partition, SnapshotRow) { ["Json"] = json, ["AsOf"] = newAsOf };
                    if (stored is not null)
                    {
                        await Table.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                var fresh = await Table.GetEntityIfExistsAsync<TableEntity>(partition, SnapshotRow, cancellationToken: cancellationToken).ConfigureAwait(false);
                stored = fresh.HasValue ? fresh.Value : null;
                continue;
            }

            var data = @event.Data.DeepClone().AsObject();
            data[name] = merged;
            return @event with { Data = data };
        }
    }

    /// <summary>One page of a subject's message rows.</summary>
    public async Task<(IReadOnlyList<SubjectMessage> Messages, string? ContinuationToken)> ListMessagesAsync(string partition, int limit, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {MessagePrefix} and RowKey lt {"m;"}");
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit).ConfigureAwait(false))
        {
            return (page.Values.Select(row => new SubjectMessage(MessageIdOf(row), row.GetString(CustomerKeyProperty))).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    private static JsonObject Parse(TableEntity? stored)
    {
        if (stored?.GetString("Json") is not { } json)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            // A snapshot that cannot be read is replaced by this event's data rather than stopping every later event.
            return [];
        }
    }
}
