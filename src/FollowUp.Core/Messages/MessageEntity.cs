using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FollowUp.Events;

namespace FollowUp.Messages;

/// <summary>
/// A message and its whole life, in its customer's partition. The row is the truth the dispatcher claims with its
/// ETag; schedule entries only point at it.
/// </summary>
public sealed class MessageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    /// <summary>The message id.</summary>
    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CustomerId { get; set; } = string.Empty;

    public string RuleId { get; set; } = string.Empty;

    public string TemplateId { get; set; } = string.Empty;

    public string SubjectKind { get; set; } = nameof(Events.SubjectKind.Order);

    public string SubjectId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    /// <summary>Comma-separated event types that cancel this message, as its rule said when it was scheduled.</summary>
    public string CancelOn { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string? Locale { get; set; }

    public string? TimeZone { get; set; }

    public string Status { get; set; } = nameof(MessageStatus.Scheduled);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? RenderedLocale { get; set; }

    public string? Subject { get; set; }

    public string? CouponCode { get; set; }

    public string? Answer { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Why the message was cancelled or failed, or why its last attempt failed.</summary>
    public string? Reason { get; set; }

    /// <summary>The render model (customer, order or deal, event) as JSON, captured when the message was scheduled.</summary>
    public string Model { get; set; } = "{}";

    /// <summary>The message's life as a JSON array of <see cref="MessageEvent"/>.</summary>
    public string History { get; set; } = "[]";

    public MessageStatus GetStatus() => Enum.Parse<MessageStatus>(Status);

    public SubjectKind GetSubjectKind() => Enum.Parse<SubjectKind>(SubjectKind);

    public IReadOnlyList<string> GetCancelOn() => CancelOn.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public List<MessageEvent> GetHistory() => JsonSerializer.Deserialize<List<MessageEvent>>(History, FollowUpJson.Options) ?? [];

    public void Record(MessageStatus status, MessageEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Status = status.ToString();
        var history = GetHistory();
        history.Add(entry);
        History = JsonSerializer.Serialize(history, FollowUpJson.Options);
    }

    public bool IsPending(DateTimeOffset now) =>
        GetStatus() == MessageStatus.Scheduled || (GetStatus() == MessageStatus.Claimed && ClaimedUntil <= now);
}
