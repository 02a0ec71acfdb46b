using FollowUp.Replay;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FollowUp.Http;

/// <summary>
/// <c>POST /api/replay</c>: what a proposed rule set would have scheduled and sent for the events taken in a range of
/// time, against what was; nothing is written or sent. Every rule is validated as a PUT validates it.
/// </summary>
public static class ReplayApi
{
    /// <summary>Rules in one proposal: far more than any shop has, few enough to validate in a request.</summary>
    public const int MaxRules = 100;

    private const string Title = "The replay is not valid.";

    public static async Task<Results<JsonHttpResult<ReplayResult>, ValidationProblem, ProblemHttpResult>> PostAsync(HttpRequest request, RuleBook rules, TemplateLibrary templates, EventReplay replay, IOptions<ScriptLimits> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(replay);
        var errors = new FieldErrors();
        var (body, refused) = await ApiResults.TryReadJsonAsync<ReplayRequest>(request, errors, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (body is null)
        {
            return ApiResults.Invalid(errors, Title);
        }

        if ((body.Rules is null) == (body.Changes is null))
        {
            errors.Add("rules", "give either rules (the whole rule set proposed; a saved rule left out is left out) or changes (rules that replace or add to the saved ones), not both");
        }

        var field = body.Rules is not null ? "rules" : "changes";
        var proposed = await ValidateAsync(body.Rules ?? body.Changes ?? [], field, templates, limits.Value, errors, cancellationToken).ConfigureAwait(false);
        if (body.From is not { } from)
        {
            errors.Add("from", "is required: the start of the range, an ISO 8601 date-time such as 2026-11-01T00:00:00Z");
        }

        if (body.To is not { } to)
        {
            errors.Add("to", "is required: the end of the range (not included), an ISO 8601 date-time such as 2026-12-01T00:00:00Z");
        }
        else if (body.From is { } start && to <= start)
        {
            errors.Add("to", "must be after from");
        }
        else if (body.From is { } begin && to - begin > ReplayOptions.MaxRange)
        {
            errors.Add("to", $"must be at most {ReplayOptions.MaxRange.TotalDays:0} days after from: replay a longer time in parts");
        }

        if (!errors.IsEmpty || proposed is null)
        {
            return ApiResults.Invalid(errors, Title);
        }

        var ruleSet = body.Rules is not null
            ? proposed
            : (await rules.GetAllAsync(cancellationToken).ConfigureAwait(false)).Values.Where(saved => !proposed.ContainsKey(saved.Id)).Concat(proposed.Values).ToDictionary(r => r.Id, StringComparer.Ordinal);
        return TypedResults.Json(await replay.RunAsync(ruleSet, body.From!.Value, body.To!.Value, cancellationToken).ConfigureAwait(false), FollowUpJson.Options);
    }

    /// <summary>Each rule as a PUT validates it, its errors named <c>rules[0].delay</c> and so on; null when any is bad.</summary>
    private static async Task<Dictionary<string, Rule>?> ValidateAsync(IReadOnlyList<ReplayRuleInput?> inputs, string field, TemplateLibrary templates, ScriptLimits limits, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (inputs.Count > MaxRules)
        {
            errors.Add(field, $"holds {inputs.Count} rules; at most {MaxRules}");
            return null;
        }

        var proposed = new Dictionary<string, Rule>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < inputs.Count; i++)
        {
            var at = $"{field}[{i}]";
            if (inputs[i] is not { } input)
            {
                errors.Add(at, "must be a rule: its id and the rule as PUT /api/rules/{id} takes it");
                valid = false;
                continue;
            }

            var ruleErrors = new FieldErrors();
            if (!Ids.IsValid(input.Id))
            {
                ruleErrors.Add("id", input.Id is null ? "is required: the rule's id" : $"must be {Ids.Rule}");
            }
            else if (proposed.ContainsKey(input.Id!))
            {
                ruleErrors.Add("id", $"'{input.Id}' is given twice");
            }

            var rule = await RulesApi.CheckAsync(Ids.IsValid(input.Id) ? input.Id! : "replay", input, templates, limits, ruleErrors, cancellationToken).ConfigureAwait(false);
            errors.AddAll(at + ".", ruleErrors);
            if (rule is null || !ruleErrors.IsEmpty)
            {
                valid = false;
                continue;
            }

            proposed[rule.Id] = rule;
        }

        return valid ? proposed : null;
    }
}
