namespace FollowUp.Messages;

public sealed record MessageQuery(string? CustomerId, string? OrderId, string? DealId, MessageStatus? Status, int Limit, string? ContinuationToken);
