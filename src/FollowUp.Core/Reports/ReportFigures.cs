namespace FollowUp.Reports;

/// <summary>
/// What happened to a set of messages: how many reached each stage, the rates, the scores, and the answers.
/// </summary>
/// <param name="Counts">Messages per stage: scheduled, deferred, cancelled, sent, delivered, opened, clicked, answered, bounced, complained, unsubscribed, failed.</param>
/// <param name="Rates">
/// Deferred, cancelled, sent and failed as a share of scheduled; the stages after sending as a share of sent; null
/// where there is nothing to divide by.
/// </param>
/// <param name="Nps">The Net Promoter Score of the <c>nps_url</c> answers, when there are any.</param>
/// <param name="Csat">Satisfaction from the <c>csat_url</c> answers and the review stars, when there are any.</param>
/// <param name="Answers">Messages per answer (a lost-sale reason, a score), as the links answered.</param>
public sealed record ReportFigures(
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyDictionary<string, double?> Rates,
    NpsFigures? Nps,
    CsatFigures? Csat,
    IReadOnlyDictionary<string, long> Answers);
