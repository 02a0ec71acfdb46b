using FollowUp.Rules;

namespace FollowUp.Http;

/// <summary>A rule of a replay's proposal: its id, and the rule as <c>PUT /api/rules/{id}</c> takes it.</summary>
public sealed record ReplayRuleInput : RuleInput
{
    public string? Id { get; init; }
}
