namespace FollowUp.Alerts;

/// <summary>One page of the alert list, newest first; pass the continuation token for the next.</summary>
public sealed record AlertPage(IReadOnlyList<RaisedAlert> Items, string? ContinuationToken);
