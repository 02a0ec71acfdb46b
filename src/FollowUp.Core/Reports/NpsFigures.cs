namespace FollowUp.Reports;

/// <summary>Net Promoter Score: the share of promoters (9–10) less the share of detractors (0–6), from −100 to 100.</summary>
public sealed record NpsFigures(long Answers, long Promoters, long Passives, long Detractors, double Score);
