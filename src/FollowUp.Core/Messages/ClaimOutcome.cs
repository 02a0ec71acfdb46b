namespace FollowUp.Messages;

public enum ClaimOutcome
{
    /// <summary>This dispatcher holds the message now and may send it.</summary>
    Claimed,

    /// <summary>Another dispatcher holds it, or took it first.</summary>
    Busy,

    /// <summary>
    /// Cancelled instead of claimed: a cancelling event arrived while an earlier attempt was in flight, it expired, or
    /// the dispatcher said so (its rule was deleted).
    /// </summary>
    Cancelled,

    /// <summary>
    /// An earlier claim expired without a recorded result and the attempts are used up: the message may or may not have
    /// gone out, so it is recorded as failed rather than risk sending it again.
    /// </summary>
    GaveUp,

    /// <summary>Not sent now but later (outside its send window, over a cap): scheduled again, with why in the ledger.</summary>
    Deferred,

    /// <summary>Its rule is disabled: held until the rule is enabled or deleted.</summary>
    Held,
}
