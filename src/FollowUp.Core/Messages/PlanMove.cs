namespace FollowUp.Messages;

/// <summary>A planned message moved to <paramref name="To"/>, with why in the ledger's words.</summary>
public sealed record PlanMove(PlannedSend Send, DateTimeOffset To, string Why);
