namespace FollowUp.Messages;

/// <summary>A message to write: scheduled, or born cancelled with <paramref name="CancelReason"/>.</summary>
public sealed record NewMessage(MessageEntity Draft, string? CancelReason, string ScheduledDetail);
