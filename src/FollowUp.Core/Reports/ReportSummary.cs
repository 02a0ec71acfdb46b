namespace FollowUp.Reports;

/// <summary>A report over the days from <see cref="From"/> to <see cref="To"/> (UTC, both included).</summary>
public sealed record ReportSummary(
    DateOnly From,
    DateOnly To,
    string Interval,
    ReportFigures Totals,
    IReadOnlyList<ReportGroup> Phases,
    IReadOnlyList<ReportGroup> Rules);
