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
}
