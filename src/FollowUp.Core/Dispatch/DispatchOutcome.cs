namespace FollowUp.Dispatch;

public enum DispatchOutcome
{
    Sent,
    Retrying,
    Failed,
    Cancelled,

    /// <summary>A batch handed out named a message that is no longer due (sent, settled, or not yet due by then).</summary>
    Stale,

    /// <summary>Another dispatcher holds the message; left alone.</summary>
    Busy,

    /// <summary>Not sent now but scheduled later, with why: outside its send window, over a frequency cap.</summary>
    Deferred,

    /// <summary>Its rule is disabled: held until the rule is enabled again.</summary>
    Held,

    /// <summary>Something went wrong that could not be recorded on the message (storage unreachable); it stays due.</summary>
    Faulted,
}
