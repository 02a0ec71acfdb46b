namespace FollowUp.Ingest;

/// <summary>What one rule did with one event, as kept with the event for replays (reminders left out).</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Scheduled">Whether the event made a new message that was to be sent.</param>
/// <param name="Message">The message made (or found made already, or made cancelled), if any.</param>
/// <param name="Due">When it was to go.</param>
/// <param name="Reason">Why nothing was scheduled, in words; null when something was.</param>
public sealed record StoredOutcome(string Rule, bool Scheduled, string? Message, DateTimeOffset? Due, string? Reason);
