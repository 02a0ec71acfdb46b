namespace FollowUp.Messages;

/// <summary>When a message goes, why later than its delay says (the ledger's words), and the lower-priority messages it moves.</summary>
/// <param name="At">When it goes.</param>
/// <param name="Deferral">The ledger's words when <paramref name="At"/> is later than its delay, else null.</param>
/// <param name="Bumped">Messages of a lower priority placed again after it: where each goes, and why in words.</param>
public sealed record Placement(DateTimeOffset At, string? Deferral, IReadOnlyList<PlanMove> Bumped);
