namespace FollowUp.Replay;

/// <summary>What a replay found: per rule, what the proposal would have done against what was done, and a sample of the differences.</summary>
/// <param name="From">The start of the range replayed: the one asked for, or the oldest event kept when that is later.</param>
/// <param name="To">The end of the range (not included).</param>
/// <param name="Events">The events replayed.</param>
/// <param name="Truncated">Whether the range held more than <see cref="EventReplay.MaxEvents"/> events, of which only that many were replayed.</param>
/// <param name="Rules">Per rule, ordered by id.</param>
/// <param name="DifferenceCount">How many (event, rule) pairs differ.</param>
/// <param name="Differences">The earliest of them, at most <see cref="EventReplay.MaxDifferences"/>.</param>
public sealed record ReplayResult(DateTimeOffset From, DateTimeOffset To, int Events, bool Truncated, IReadOnlyList<ReplayRuleCounts> Rules, int DifferenceCount, IReadOnlyList<ReplayDifference> Differences);
