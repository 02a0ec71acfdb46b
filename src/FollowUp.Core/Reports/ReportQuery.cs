namespace FollowUp.Reports;

/// <summary>What a report covers: the days (UTC, both included), optionally one rule or one phase, by day or by week.</summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, string? RuleId, string? Phase, bool Weekly);
