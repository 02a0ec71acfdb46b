namespace FollowUp.Dispatch;

public enum DispatchOutcome
{
    Sent,
    Retrying,
    Failed,
    Cancelled,

    /// <summary>The entry pointed at a message that was already settled, rescheduled or gone; the entry was removed.</summary>
    Stale,

    /// <summary>Another dispatcher holds the message; left alone.</summary>
    Busy,

    /// <summary>Something went wrong that could not be recorded on the message (storage unreachable); it stays due.</summary>
    Faulted,

    /// <summary>The message could not be read; its entry was moved a minute on, so that it does not hold up every pass.</summary>
    Deferred,
}
