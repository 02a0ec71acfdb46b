namespace FollowUp.Dispatch;

public sealed record DispatchSummary(int Sent, int Retrying, int Failed, int Cancelled, int Stale, int Busy, int Faulted = 0)
{
    public int Total => Sent + Retrying + Failed + Cancelled + Stale + Busy + Faulted;

    /// <summary>Messages whose life moved on in this pass.</summary>
    public int Progress => Sent + Retrying + Failed + Cancelled;

    /// <summary>When the earliest message still pending after this pass falls due, as far as the pass saw; null when none.</summary>
    public DateTimeOffset? NextDue { get; init; }
}
