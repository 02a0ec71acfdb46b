namespace FollowUp.Reports;

/// <summary>Customer satisfaction on 1–5: the average, and the share who answered 4 or 5.</summary>
public sealed record CsatFigures(long Answers, double Average, double Satisfied);
