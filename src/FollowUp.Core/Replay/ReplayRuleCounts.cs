namespace FollowUp.Replay;

/// <summary>One rule's messages in a replay: under the proposal, and as it actually went.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="InProposal">Whether the proposal has the rule (a rule only in what actually happened was left out of it).</param>
/// <param name="WouldSchedule">Messages the proposal would have scheduled from the events replayed (reminders not counted).</param>
/// <param name="WouldSend">Of those, the ones no later event in the range stopped (a cancelling event, a "no" to marketing).</param>
/// <param name="ActuallyScheduled">Messages those events actually scheduled.</param>
/// <param name="ActuallySent">Of those, the ones that went out (sent, or further: delivered, opened, clicked, answered, bounced, complained, unsubscribed).</param>
public sealed record ReplayRuleCounts(string RuleId, bool InProposal, int WouldSchedule, int WouldSend, int ActuallyScheduled, int ActuallySent);
