namespace FollowUp.Http;

public sealed record EventBatchResponse(int Accepted, int Duplicate, int Invalid, IReadOnlyList<EventBatchItem> Results);
