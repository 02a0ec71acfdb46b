namespace FollowUp.Ingest;

/// <summary>
/// What a rule would do with an event, now, for the event's customer as FollowUp knows them: nothing is written.
/// </summary>
/// <param name="WouldSchedule">Whether it would schedule a message (that would then be sent, unless made cancelled).</param>
/// <param name="Reason">Why it would not, in words; null when it would.</param>
/// <param name="Messages">The messages it would make: the first, then its reminders.</param>
/// <param name="RuleEnabled">Whether the rule is enabled: a dry run tries a disabled rule as if it were on.</param>
public sealed record DryRunResult(bool WouldSchedule, string? Reason, IReadOnlyList<DryRunMessage> Messages, bool RuleEnabled);
