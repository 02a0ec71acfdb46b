namespace FollowUp.Http;

public sealed record EventBatchResponse(int Accepted, int Duplicate, int Invalid, IReadOnlyList<EventBatchItem> Results)
{
    /// <summary>Valid events that storage could not take this time; send the batch again.</summary>
    public int Unavailable { get; init; }
}
