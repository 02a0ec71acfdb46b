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

    /// <summary>The provider says the recipient's server took it.</summary>
    Delivered,

    /// <summary>The recipient opened it (as far as a tracking pixel tells).</summary>
    Opened,

    /// <summary>The recipient clicked a link in it.</summary>
    Clicked,

    /// <summary>The address does not take mail (a hard bounce, or the provider dropped it).</summary>
    Bounced,

    /// <summary>The recipient marked it as spam.</summary>
    Complained,

    /// <summary>The recipient unsubscribed through it.</summary>
    Unsubscribed,
}
