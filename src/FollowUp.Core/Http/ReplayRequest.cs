namespace FollowUp.Http;

/// <summary>
/// The body of <c>POST /api/replay</c>: the proposal, as the whole rule set (<paramref name="Rules"/>) or as rules that
/// replace or add to the saved ones (<paramref name="Changes"/>), and the range of time the events were taken in.
/// </summary>
public sealed record ReplayRequest(IReadOnlyList<ReplayRuleInput?>? Rules, IReadOnlyList<ReplayRuleInput?>? Changes, DateTimeOffset? From, DateTimeOffset? To);
