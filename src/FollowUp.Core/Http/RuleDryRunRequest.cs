using System.Text.Json;
using FollowUp.Rules;

namespace FollowUp.Http;

/// <summary>
/// The body of <c>POST /api/rules/dry-run</c>: a saved rule by its id, or a rule as a PUT would take it (its id
/// optional), and the CloudEvent to try it with.
/// </summary>
public sealed record RuleDryRunRequest(string? RuleId, RuleInput? Rule, JsonElement? Event);
