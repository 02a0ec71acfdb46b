namespace FollowUp.Dispatch;

public sealed record DispatchSummary(int Sent, int Retrying, int Failed, int Cancelled, int Stale, int Busy)
{
    public int Total => Sent + Retrying + Failed + Cancelled + Stale + Busy;
}
