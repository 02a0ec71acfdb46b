namespace FollowUp.Dispatch;

public sealed record DispatchSummary(int Sent, int Retrying, int Failed, int Cancelled, int Stale, int Busy, int Faulted = 0)
{
    /// <summary>Messages put off to a later time (send window, caps).</summary>
    public int Deferred { get; init; }

    /// <summary>Messages held because their rule is disabled.</summary>
    public int Held { get; init; }

    public int Total => Sent + Retrying + Failed + Cancelled + Deferred + Held + Stale + Busy + Faulted;

    /// <summary>Messages whose life moved on in this pass.</summary>
    public int Progress => Sent + Retrying + Failed + Cancelled + Deferred + Held;

    /// <summary>When the earliest message still pending after this pass falls due, as far as the pass saw; null when none.</summary>
    public DateTimeOffset? NextDue { get; init; }
}
