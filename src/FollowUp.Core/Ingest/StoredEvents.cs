using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Customers;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Validation;

namespace FollowUp.Ingest;

/// <summary>
/// How an event taken is kept for replays (<see cref="EventRow"/>), and read back: the CloudEvent as ingest took it,
/// the customer's history as it found it, and what each rule did with it. Each part is bounded, so the row always fits
/// Table Storage's 64 KiB a property: an event's data is at most <see cref="EventParser.MaxDataLength"/> characters.
/// </summary>
public static class StoredEvents
{
    private const int MaxOutcomes = 100;
    private const int MaxReason = 300;

    /// <summary>The row of <paramref name="event"/>, the <paramref name="sequence"/>th of the request ingest took at <paramref name="receivedAt"/>.</summary>
    public static EventRow Row(FollowUpEvent @event, DateTimeOffset receivedAt, int sequence, CustomerEntity? before, IEnumerable<StoredOutcome> outcome)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var (partition, row) = CustomerRecords.EventKey(@event.Customer.Id, receivedAt, sequence, @event.Source, @event.Id);
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = @event.Id,
            ["source"] = @event.Source,
            ["type"] = @event.Type,
            ["time"] = @event.Time is { } time ? JsonValue.Create(time) : null,
            ["data"] = @event.Data.DeepClone(),
        };
        if (@event.Time is null)
        {
            cloudEvent.Remove("time");
        }

        return new EventRow
        {
            PartitionKey = partition,
            RowKey = row,
            CustomerId = @event.Customer.Id,
            ReceivedAt = receivedAt,
            Type = @event.Type,
            Event = cloudEvent.ToJsonString(FollowUpJson.Storage),
            Before = before is null ? null : new JsonObject
            {
                ["orderCount"] = before.OrderCount,
                ["lifetimeSpend"] = before.LifetimeSpend,
                ["currency"] = before.Currency,
                ["firstOrderAt"] = before.FirstOrderAt,
                ["lastOrderAt"] = before.LastOrderAt,
                ["marketingConsent"] = before.MarketingConsent,
            }.ToJsonString(FollowUpJson.Storage),
            Outcome = JsonSerializer.Serialize(
                outcome.Take(MaxOutcomes).Select(o => o with { Reason = o.Reason is { Length: > MaxReason } text ? text[..MaxReason] : o.Reason }),
                FollowUpJson.Storage),
        };
    }

    /// <summary>The event kept in <paramref name="row"/>; null when it cannot be read as an event any more.</summary>
    public static FollowUpEvent? EventOf(EventRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            using var json = JsonDocument.Parse(row.Event);
            return EventParser.Parse(json.RootElement, new FieldErrors());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What ingest decided for each rule, as kept.</summary>
    public static IReadOnlyList<StoredOutcome> OutcomeOf(EventRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            return JsonSerializer.Deserialize<List<StoredOutcome>>(row.Outcome, FollowUpJson.Storage) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The customer as the event found them: their history, with no contact details (the event brings those); null for a new customer.</summary>
    public static CustomerEntity? BeforeOf(EventRow row, string profileRow)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Before is null || JsonNode.Parse(row.Before) is not JsonObject before)
        {
            return null;
        }

        return new CustomerEntity
        {
            PartitionKey = row.PartitionKey,
            RowKey = profileRow,
            CustomerId = row.CustomerId,
            OrderCount = before["orderCount"]?.GetValue<int>() ?? 0,
            LifetimeSpend = before["lifetimeSpend"]?.GetValue<string>() ?? "0",
            Currency = before["currency"]?.GetValue<string>(),
            FirstOrderAt = before["firstOrderAt"]?.GetValue<DateTimeOffset>(),
            LastOrderAt = before["lastOrderAt"]?.GetValue<DateTimeOffset>(),
            MarketingConsent = before["marketingConsent"]?.GetValue<bool>(),
            CreatedAt = row.ReceivedAt,
            UpdatedAt = row.ReceivedAt,
        };
    }

    /// <summary>What each rule did with the event in <paramref name="decision"/>: kept by ingest, and compared with it by a replay.</summary>
    internal static List<StoredOutcome> Outcomes(EventIngestor.Decision decision)
    {
        var outcomes = new List<StoredOutcome>();
        foreach (var planned in decision.Planned.Where(p => p.Message.Reminder == 0))
        {
            outcomes.Add(planned switch
            {
                { NewPointer: null } => new StoredOutcome(planned.Rule.Id, false, planned.Message.RowKey, planned.Message.DueAt, "its order or deal had this rule's message already"),
                { CancelReason: { } why } => new StoredOutcome(planned.Rule.Id, false, planned.Message.RowKey, planned.Message.DueAt, "made cancelled: " + why),
                _ => new StoredOutcome(planned.Rule.Id, true, planned.Message.RowKey, planned.Message.DueAt, null),
            });
        }

        outcomes.AddRange(decision.Skipped.Select(skip => new StoredOutcome(skip.RuleId, false, null, null, skip.Reason)));
        return outcomes;
    }
}
