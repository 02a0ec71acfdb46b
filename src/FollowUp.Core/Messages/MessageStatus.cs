namespace FollowUp.Messages;

/// <summary>Where a message is in its life. Sent and answered messages stay in the ledger; so do cancelled and failed ones, with reasons.</summary>
public enum MessageStatus
{
    Scheduled,
    Claimed,
    Sent,
    Answered,
    Cancelled,
    Failed,

    /// <summary>Its rule is disabled: kept, not sent, until the rule is enabled again (or deleted).</summary>
    Held,
}
