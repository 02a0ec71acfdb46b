namespace FollowUp.Messages;

/// <summary>The things that happen to a message, each kept in its history with a time and, where there is one, a reason.</summary>
public enum MessageEventKind
{
    Scheduled,
    Cancelled,
    Claimed,
    AttemptFailed,
    Sent,
    Failed,
    Answered,
    Unsubscribed,

    /// <summary>Put off to a later time, with why in words: outside the send window, a holiday, a frequency cap.</summary>
    Deferred,

    /// <summary>Sooner than a cap had deferred it to: what was in its way was cancelled.</summary>
    BroughtForward,

    Held,

    Released,

    /// <summary>The recipient opened an answer link: the landing page asks them to confirm, which answers.</summary>
    Clicked,

    /// <summary>A delivery event from the provider (processed, delivered, deferred, open, click, bounce, dropped, spam report, unsubscribe).</summary>
    Delivery,

    /// <summary>An alert about the customer's answer went to a person (the deal's owner, or the rule's address).</summary>
    Alerted,

    /// <summary>The customer was erased: the message's personal data is gone.</summary>
    Erased,
}
