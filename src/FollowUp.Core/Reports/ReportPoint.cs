namespace FollowUp.Reports;

/// <summary>One day or week of a series: the first day, the counts per stage, and the scores when there are any.</summary>
public sealed record ReportPoint(DateOnly Start, IReadOnlyDictionary<string, long> Counts, double? Nps, double? Csat);
