namespace FollowUp.Messages;

/// <summary>The result of trying to claim a due message: the claimed row when <see cref="Outcome"/> is <see cref="ClaimOutcome.Claimed"/>.</summary>
public sealed record Claim(ClaimOutcome Outcome, MessageEntity? Message);
