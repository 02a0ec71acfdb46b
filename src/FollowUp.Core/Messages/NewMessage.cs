namespace FollowUp.Messages;

/// <summary>A message to write: scheduled, or born cancelled with <paramref name="CancelReason"/>.</summary>
public sealed record NewMessage(MessageEntity Draft, string? CancelReason, string ScheduledDetail)
{
    /// <summary>Why it is due later than its rule's delay says, as a ledger entry of its own; null when it is not.</summary>
    public string? Deferral { get; init; }
}
