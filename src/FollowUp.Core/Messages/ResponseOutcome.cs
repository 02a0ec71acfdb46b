namespace FollowUp.Messages;

public enum ResponseOutcome
{
    Recorded,

    /// <summary>The same click again: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>The link's message is gone (for example erased).</summary>
    NotFound,

    /// <summary>The message was never sent, so its links cannot have been clicked by its recipient.</summary>
    NotSent,

    /// <summary>The answer chosen on the page is not one the message's links offered.</summary>
    NotOffered,
}
