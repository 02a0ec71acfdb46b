namespace FollowUp.Ingest;

/// <summary>A message a dry run says the rule would make.</summary>
/// <param name="Reminder">0 for the first message, else the reminder's number.</param>
/// <param name="DueAt">When it would go, after the send window and the caps (a reminder's is timed from the first's send).</param>
/// <param name="Deferral">Why later than the rule's delay says, in the ledger's words; null when it is not.</param>
/// <param name="CancelledBecause">Why it would be made cancelled instead (the address unsubscribed, it would expire), or null.</param>
public sealed record DryRunMessage(int Reminder, DateTimeOffset DueAt, string? Deferral, string? CancelledBecause);
