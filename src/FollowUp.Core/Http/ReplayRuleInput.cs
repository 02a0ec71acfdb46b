using FollowUp.Rules;

namespace FollowUp.Http;

/// <summary>A rule of a replay's proposal: the rule as <c>PUT /api/rules/{id}</c> takes it, with its <c>id</c> (required here).</summary>
public sealed record ReplayRuleInput : RuleInput
{
    public ReplayRuleInput()
    {
    }

    /// <summary>A rule as PUT takes it, proposed under <paramref name="id"/>.</summary>
    public ReplayRuleInput(string id, RuleInput rule)
        : base(rule) => Id = id;
}
