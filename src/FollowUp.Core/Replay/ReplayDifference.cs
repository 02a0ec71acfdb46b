namespace FollowUp.Replay;

/// <summary>One event and rule where the proposal and what actually happened part ways.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="EventSource">The event's source.</param>
/// <param name="EventType">Its type.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="ReceivedAt">When ingest took it.</param>
/// <param name="RuleId">The rule.</param>
/// <param name="Proposal">What the proposal would have done, in words.</param>
/// <param name="Actual">What actually happened, in words.</param>
public sealed record ReplayDifference(string EventId, string EventSource, string EventType, string CustomerId, DateTimeOffset ReceivedAt, string RuleId, string Proposal, string Actual);
