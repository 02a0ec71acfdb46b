namespace FollowUp.Messages;

/// <summary>One page of the suppression list, in the order of the addresses; pass the continuation token for the next.</summary>
public sealed record SuppressionPage(IReadOnlyList<SuppressedAddress> Items, string? ContinuationToken);
