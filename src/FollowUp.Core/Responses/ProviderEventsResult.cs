namespace FollowUp.Responses;

/// <summary>What a webhook request's events did: recorded, already recorded, for no message FollowUp knows, or of a kind it does not keep.</summary>
public sealed record ProviderEventsResult(int Received, int Recorded, int Duplicates, int UnknownMessages, int Ignored);
