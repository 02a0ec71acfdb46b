namespace FollowUp.Messages;

/// <summary>
/// How far a sent message got, for its status: the furthest stage wins (sent, delivered, opened, clicked, answered),
/// and an end of the road (bounced, unsubscribed, complained) wins over any of them: it says the recipient can no
/// longer be written to, while the answer and every step stay in the ledger.
/// </summary>
public static class MessageStages
{
    /// <summary>Whether the message went out (whatever happened to it after).</summary>
    public static bool WentOut(MessageStatus status) => Rank(status) > 0;

    /// <summary>The status of a sent message after <paramref name="reached"/>: the further of the two.</summary>
    public static MessageStatus Further(MessageStatus current, MessageStatus reached) => Rank(reached) > Rank(current) ? reached : current;

    private static int Rank(MessageStatus status) => status switch
    {
        MessageStatus.Sent => 1,
        MessageStatus.Delivered => 2,
        MessageStatus.Opened => 3,
        MessageStatus.Clicked => 4,
        MessageStatus.Answered => 5,
        MessageStatus.Bounced => 6,
        MessageStatus.Unsubscribed => 7,
        MessageStatus.Complained => 8,
        _ => 0,
    };
}
