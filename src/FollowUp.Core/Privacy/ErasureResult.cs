namespace FollowUp.Privacy;

/// <summary>What an erasure did: messages erased (of them cancelled before they were sent), records deleted, and addresses whose unsubscribe is kept as a keyed hash.</summary>
public sealed record ErasureResult(int Messages, int Cancelled, int Records, int SuppressionsKept);
