using Azure;
using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// One event as ingest took it, kept for replays in its customer's partition of the Customers table
/// (<c>{customer}|e|{received ticks}|{n}|{hash of source and id}</c>): written in the transaction that writes the
/// event's other changes to the customer, so keeping it costs ingest no request of its own, and erased and exported
/// with the customer's other rows. Pruned once older than <see cref="ReplayOptions.Retention"/>.
/// </summary>
public sealed class EventRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CustomerId { get; set; } = string.Empty;

    /// <summary>When ingest took it: the clock its decision ran on, and the order a replay takes a customer's events in.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The event's type, for the index of recent events (<see cref="CustomerRecords.RecentEventsAsync"/>); null on rows kept before it.</summary>
    public string? Type { get; set; }

    /// <summary>The CloudEvent as ingest took it (a time from the future already made now), as JSON.</summary>
    public string Event { get; set; } = "{}";

    /// <summary>The customer's history (order count, spend, consent) as the event found it, as JSON; null for a new customer.</summary>
    public string? Before { get; set; }

    /// <summary>What ingest decided for each rule the event triggered, as JSON.</summary>
    public string Outcome { get; set; } = "[]";
}
