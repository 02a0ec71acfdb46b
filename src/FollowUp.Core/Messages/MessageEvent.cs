namespace FollowUp.Messages;

public sealed record MessageEvent(DateTimeOffset At, MessageEventKind Kind, string? Detail = null)
{
    /// <summary>For a delivery event, the stage it shows (delivered, opened, clicked, bounced, complained, unsubscribed); null for one that shows none.</summary>
    public MessageStatus? Reached { get; init; }
}
