namespace FollowUp.Messages;

public enum ClaimOutcome
{
    /// <summary>This dispatcher holds the message now and may send it.</summary>
    Claimed,

    /// <summary>Another dispatcher holds it, or took it first.</summary>
    Busy,

    /// <summary>A cancelling event arrived while an earlier attempt was in flight; the message is now cancelled.</summary>
    Cancelled,

    /// <summary>
    /// An earlier claim expired without a recorded result and the attempts are used up: the message may or may not have
    /// gone out, so it is recorded as failed rather than risk sending it again.
    /// </summary>
    GaveUp,
}
