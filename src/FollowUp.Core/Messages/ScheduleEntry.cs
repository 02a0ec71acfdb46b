using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// A pointer to a message that falls due at <see cref="DueAt"/>. Partitions are minutes (<c>yyyyMMddHHmm</c>) and rows
/// sort by due time, so "what is due now" is one key-range query that never touches what is due later. The message
/// row decides; an entry whose due time no longer matches its message is stale and is removed.
/// </summary>
public sealed class ScheduleEntry : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string MessageId { get; set; } = string.Empty;

    public string CustomerKey { get; set; } = string.Empty;

    public DateTimeOffset DueAt { get; set; }

    /// <summary>How often this entry was moved on because its message could not be read.</summary>
    public int Deferrals { get; set; }

    public static ScheduleEntry Create(string messageId, string customerKey, DateTimeOffset dueAt) => new()
    {
        PartitionKey = Bucket(dueAt),
        RowKey = RowKeyFor(dueAt, messageId),
        MessageId = messageId,
        CustomerKey = customerKey,
        DueAt = dueAt,
    };

    /// <summary>Due times are kept to the millisecond, so keys computed from a stored time match the keys written from it.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static string RowKeyFor(DateTimeOffset at, string messageId) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + messageId;

    /// <summary>Everything due at or before <paramref name="now"/>: earlier minutes whole, and this minute up to now.</summary>
    public static string DueFilter(DateTimeOffset now)
    {
        var bucket = Bucket(now);
        var upper = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        return TableClient.CreateQueryFilter($"PartitionKey lt {bucket} or (PartitionKey eq {bucket} and RowKey lt {upper})");
    }
}
