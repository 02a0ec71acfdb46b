using Azure;
using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// A message of one order or deal, listed in its customer's partition (row <c>m|{o|d}|{order or deal}|{hash}</c>),
/// written with the order's head before the message row itself, so that a cancelling event always finds it. It
/// carries what a cancel decides by, should the message row not be written yet.
/// </summary>
public sealed class MessagePointer : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string MessageId { get; set; } = string.Empty;

    public string RuleId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public string SubjectKind { get; set; } = string.Empty;

    public string SubjectId { get; set; } = string.Empty;

    /// <summary>Comma-separated event types that cancel it, as its rule said when it was scheduled.</summary>
    public string CancelOn { get; set; } = string.Empty;

    /// <summary>When the event that scheduled it happened.</summary>
    public DateTimeOffset? EventTime { get; set; }

    public IReadOnlyList<string> GetCancelOn() => CancelOn.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
