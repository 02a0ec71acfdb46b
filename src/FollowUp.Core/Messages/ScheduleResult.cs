namespace FollowUp.Messages;

/// <summary>What one rule did with one event: a message scheduled (or recorded as cancelled, with why), or a skip with why.</summary>
public sealed record ScheduleResult(string RuleId, string? MessageId, MessageStatus? Status, DateTimeOffset? DueAt, string? Reason, bool Existing = false);
