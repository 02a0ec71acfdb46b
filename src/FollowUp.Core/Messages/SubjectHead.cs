using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using FollowUp.Events;

namespace FollowUp.Messages;

/// <summary>
/// One order or deal of one customer, as one row in the customer's partition: the event types it has seen with the
/// latest time of each, and a snapshot of what events said about it. Every event on it rewrites this row under its
/// ETag, so events on one order or deal are serialized: a cancelling event and a scheduling one racing always see each
/// other's effect, with no second look.
/// </summary>
public sealed class SubjectHead : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>JSON object: event type → latest time in ticks (an event without a time counts as the latest of all).</summary>
    public string Seen { get; set; } = "{}";

    /// <summary>The merged order or deal as JSON, bounded like one event's data.</summary>
    public string? Snapshot { get; set; }

    /// <summary>The time of the latest event whose fields the snapshot holds.</summary>
    public DateTimeOffset? AsOf { get; set; }

    /// <summary>
    /// Its messages as a JSON array (id, rule, cancelOn, time of the scheduling event), bounded by the rules there are:
    /// one read of the head tells a cancelling event what to cancel and a replay which ids it made.
    /// </summary>
    public string Messages { get; set; } = "[]";

    /// <summary>For an order: the customer's order count as this order left it when it was counted (null: not counted).</summary>
    public int? OrderCount { get; set; }

    public string? LifetimeSpend { get; set; }

    public DateTimeOffset? FirstOrderAt { get; set; }

    public DateTimeOffset? LastOrderAt { get; set; }

    public Customers.CountedOrder? GetCounted() =>
        OrderCount is { } count ? new Customers.CountedOrder(count, LifetimeSpend ?? "0", FirstOrderAt, LastOrderAt) : null;

    public void SetCounted(Customers.CountedOrder counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        (OrderCount, LifetimeSpend, FirstOrderAt, LastOrderAt) = (counted.OrderCount, counted.LifetimeSpend, counted.FirstOrderAt, counted.LastOrderAt);
    }

    /// <summary>Its messages, as pointers of <paramref name="event"/>'s customer and order or deal.</summary>
    public IReadOnlyList<MessagePointer> GetPointers(FollowUpEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        List<HeadMessage> listed;
        try
        {
            listed = JsonSerializer.Deserialize<List<HeadMessage>>(Messages, FollowUpJson.Storage) ?? [];
        }
        catch (JsonException)
        {
            listed = [];
        }

        return [.. listed.Select(m => new MessagePointer
        {
            MessageId = m.Id,
            RuleId = m.Rule,
            CustomerId = @event.Customer.Id,
            SubjectKind = @event.SubjectKind.ToString(),
            SubjectId = @event.SubjectId,
            CancelOn = m.CancelOn,
            EventTime = m.EventTime,
        })];
    }

    /// <summary>Adds messages to the list.</summary>
    public void AddPointers(FollowUpEvent @event, IEnumerable<MessagePointer> added)
    {
        var all = GetPointers(@event).Concat(added).Select(p => new HeadMessage(p.MessageId, p.RuleId, p.CancelOn, p.EventTime));
        Messages = JsonSerializer.Serialize(all, FollowUpJson.Storage);
    }

    /// <summary>A copy to change, so that a write that fails leaves the row read as it was.</summary>
    public SubjectHead Copy() => (SubjectHead)MemberwiseClone();

    /// <summary>The event types seen and when; <see cref="DateTimeOffset.MaxValue"/> for one that came without a time.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> GetSeen()
    {
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        try
        {
            foreach (var (type, ticks) in JsonSerializer.Deserialize<Dictionary<string, long>>(Seen) ?? [])
            {
                seen[type] = ticks >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue : new DateTimeOffset(Math.Max(ticks, 0), TimeSpan.Zero);
            }
        }
        catch (JsonException)
        {
            // Unreadable: what was seen is lost, not every later event on this order.
        }

        return seen;
    }

    /// <summary>A copy that has seen <paramref name="event"/> and merged its data; null when nothing would change.</summary>
    public static SubjectHead? After(SubjectHead? stored, FollowUpEvent @event, string partition, string rowKey, out FollowUpEvent whole)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var seen = stored?.GetSeen().ToDictionary(StringComparer.Ordinal) ?? new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var at = @event.Time ?? DateTimeOffset.MaxValue;
        var changed = stored is null;
        if (!seen.TryGetValue(@event.Type, out var before) || before < at)
        {
            seen[@event.Type] = at;
            changed = true;
        }

        var (snapshot, asOf, snapshotChanged) = Merge(stored, @event, out whole);
        if (!changed && !snapshotChanged)
        {
            return null;
        }

        var head = stored?.Copy() ?? new SubjectHead { PartitionKey = partition, RowKey = rowKey };
        head.Seen = JsonSerializer.Serialize(seen.ToDictionary(pair => pair.Key, pair => pair.Value.UtcTicks, StringComparer.Ordinal));
        head.Snapshot = snapshot;
        head.AsOf = asOf;
        return head;
    }

    /// <summary>
    /// Merges the event's order or deal into the snapshot and gives back the event carrying the merged whole, so that a
    /// later, thinner event (a carrier's <c>order.delivered</c> has no lines) still gives its message the whole picture.
    /// Fields of the event with the later <c>time</c> win, whatever order events arrive in: an older event only fills in
    /// what is missing (an event without a time counts as the latest). A merge that would outgrow what an event may
    /// carry keeps the newest event's data alone, so the snapshot stays bounded however many events an order sees.
    /// </summary>
    private static (string? Json, DateTimeOffset? AsOf, bool Changed) Merge(SubjectHead? stored, FollowUpEvent @event, out FollowUpEvent whole)
    {
        whole = @event;
        var name = @event.SubjectKind == SubjectKind.Deal ? "deal" : "order";
        if (@event.Data[name] is not JsonObject incoming)
        {
            return (stored?.Snapshot, stored?.AsOf, false);
        }

        var merged = Parse(stored?.Snapshot);
        var changed = stored?.Snapshot is null;
        var asOf = stored?.AsOf;
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

        var data = @event.Data.DeepClone().AsObject();
        data[name] = merged;
        whole = @event with { Data = data };
        return (json, newAsOf, changed);
    }

    private static JsonObject Parse(string? json)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            // A snapshot that cannot be read is replaced by this event's data rather than stopping every later event.
            return [];
        }
    }

    private sealed record HeadMessage(string Id, string Rule, string CancelOn, DateTimeOffset? EventTime);
}
