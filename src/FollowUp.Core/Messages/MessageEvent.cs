namespace FollowUp.Messages;

public sealed record MessageEvent(DateTimeOffset At, MessageEventKind Kind, string? Detail = null);
