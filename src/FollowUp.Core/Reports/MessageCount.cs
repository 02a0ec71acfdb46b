namespace FollowUp.Reports;

/// <summary>One count of one message's change: the counters it changes, and its version, which makes it happen once.</summary>
public sealed record MessageCount(string MessageId, int Version, IReadOnlyList<CounterDelta> Deltas);
