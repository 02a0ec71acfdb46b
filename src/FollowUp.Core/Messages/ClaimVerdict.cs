namespace FollowUp.Messages;

/// <summary>
/// What a dispatcher decided about a due message instead of sending it now: <see cref="ClaimOutcome.Deferred"/> to
/// <see cref="DeferTo"/>, <see cref="ClaimOutcome.Held"/> or <see cref="ClaimOutcome.Cancelled"/>, with the reason for
/// the ledger. Applied in the claim's own write, so it costs no request of its own.
/// </summary>
public sealed record ClaimVerdict(ClaimOutcome Outcome, string Reason, DateTimeOffset? DeferTo = null);
