namespace FollowUp.Reports;

/// <summary>The figures of one rule (with its phase) or one phase (without a rule), as totals and as a series.</summary>
public sealed record ReportGroup(string? RuleId, string Phase, ReportFigures Totals, IReadOnlyList<ReportPoint> Series);
