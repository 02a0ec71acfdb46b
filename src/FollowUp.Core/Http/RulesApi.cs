using FollowUp.Dispatch;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Templates;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FollowUp.Http;

/// <summary>
/// <c>GET /api/rules</c>, <c>GET|PUT|DELETE /api/rules/{id}</c>. PUT creates a rule, or replaces one only with
/// <c>If-Match</c> naming the version read (<c>"v3"</c>) or <c>*</c>: a blind overwrite is 428, a stale one 412.
/// </summary>
public static class RulesApi
{
    private const int ReleasedPerRequest = 200;

    public static async Task<JsonHttpResult<List<Rule>>> ListAsync(RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var all = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(all.Values.OrderBy(rule => rule.Id, StringComparer.Ordinal).ToList(), FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<Rule>, ProblemHttpResult>> GetAsync(string id, HttpRequest request, RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(request);
        var rule = Ids.IsValid(id) ? await rules.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (rule is null)
        {
            return ApiResults.NotFound($"There is no rule {Formats.Quote(id)}.");
        }

        request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(rule.Version);
        return TypedResults.Json(rule, FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<Rule>, ValidationProblem, ProblemHttpResult>> PutAsync(string id, HttpRequest request, RuleBook rules, TemplateLibrary templates, MessageDispatcher dispatcher, IOptions<ScriptLimits> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(limits);
        if (!ApiResults.TryReadIfMatch(request, out var expectedVersion, out var mustExist, out var ifMatchError))
        {
            return ApiResults.Invalid("If-Match", ifMatchError!, "The rule is not valid.");
        }

        var errors = new FieldErrors();
        RuleInput? input;
        try
        {
            input = await ApiResults.ReadJsonAsync<RuleInput>(request, errors, cancellationToken).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return ApiResults.TooLarge();
        }
        catch (UnsupportedMediaTypeException ex)
        {
            return ApiResults.UnsupportedMediaType(ex.Message);
        }

        if (input is null)
        {
            return ApiResults.Invalid(errors, "The rule is not valid.");
        }

        var rule = await CheckAsync(id, input, templates, limits.Value, errors, cancellationToken).ConfigureAwait(false);
        if (rule is null)
        {
            return ApiResults.Invalid(errors, "The rule is not valid.");
        }

        return await SaveCheckedAsync(rule with { UpdatedBy = ApiCallers.NameOf(request.HttpContext) }, expectedVersion, mustExist, request, rules, dispatcher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Everything a save checks of a rule: its fields, that its template exists, and that a feedback or marketing message can be unsubscribed from.</summary>
    internal static async Task<Rule?> CheckAsync(string id, RuleInput input, TemplateLibrary templates, ScriptLimits limits, FieldErrors errors, CancellationToken cancellationToken)
    {
        // The template it sends, and that one's layout and partials: what the checks look at.
        var known = new Dictionary<string, MessageTemplate>(StringComparer.Ordinal);
        if (input.TemplateId is { } templateId && Ids.IsValid(templateId) && await templates.GetAsync(templateId, cancellationToken).ConfigureAwait(false) is { } template)
        {
            known[templateId] = template;
            foreach (var (pieceId, piece) in (await TemplateIncludes.ResolveAsync(template, piece => templates.GetAsync(piece, cancellationToken)).ConfigureAwait(false)).Pieces)
            {
                known[pieceId] = piece;
            }
        }

        return SaveChecks.CheckRule(id, input, known.GetValueOrDefault, limits, errors);
    }

    /// <summary>Saves a checked rule as the next version, and puts back on the schedule what it held while it was off.</summary>
    internal static async Task<Results<JsonHttpResult<Rule>, ValidationProblem, ProblemHttpResult>> SaveCheckedAsync(Rule rule, int? expectedVersion, bool mustExist, HttpRequest request, RuleBook rules, MessageDispatcher dispatcher, CancellationToken cancellationToken)
    {
        try
        {
            var (saved, created) = await rules.SaveAsync(rule, expectedVersion, mustExist, cancellationToken).ConfigureAwait(false);
            if (saved.Enabled && !created)
            {
                // Enabled (again): what its disabled time held goes back on the schedule, a request's share of it now;
                // the rest, or all of it should this fail, the dispatcher's sweep releases within a minute.
                await dispatcher.ReleaseHeldAsync(saved, ReleasedPerRequest, CancellationToken.None).ConfigureAwait(false);
            }

            request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(saved.Version);
            if (created)
            {
                request.HttpContext.Response.Headers.Location = $"/{FollowUpRoutes.Rules}/{saved.Id}";
            }

            return TypedResults.Json(saved with { Warnings = rule.Warnings }, FollowUpJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
        catch (EditConflictException ex)
        {
            return ApiResults.Conflict(ex);
        }
    }

    /// <summary>
    /// What a rule (saved, or as it would be saved) would do with an event now: whether it would schedule, when (after
    /// its window and the caps), with its reminders, or why not. Nothing is written.
    /// </summary>
    public static async Task<Results<JsonHttpResult<Ingest.DryRunResult>, ValidationProblem, ProblemHttpResult>> DryRunAsync(HttpRequest request, RuleBook rules, TemplateLibrary templates, Ingest.EventIngestor ingestor, IOptions<ScriptLimits> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(ingestor);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new FieldErrors();
        var (body, refused) = await ApiResults.TryReadJsonAsync<RuleDryRunRequest>(request, errors, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (body is null)
        {
            return ApiResults.Invalid(errors, "The dry run is not valid.");
        }

        Rule? rule = null;
        if ((body.RuleId is null) == (body.Rule is null))
        {
            errors.Add("ruleId", "give either ruleId (a saved rule) or rule (a rule as PUT /api/rules/{id} takes it), not both");
        }
        else if (body.RuleId is { } ruleId)
        {
            rule = Ids.IsValid(ruleId) ? await rules.GetAsync(ruleId, cancellationToken).ConfigureAwait(false) : null;
            if (rule is null)
            {
                errors.Add("ruleId", $"there is no rule {Formats.Quote(ruleId, 64)}");
            }
        }
        else
        {
            var ruleErrors = new FieldErrors();
            rule = await CheckAsync(body.Rule!.Id is { } named && Ids.IsValid(named) ? named : "dry-run", body.Rule!, templates, limits.Value, ruleErrors, cancellationToken).ConfigureAwait(false);
            errors.AddAll("rule.", ruleErrors);
        }

        Events.FollowUpEvent? @event = null;
        if (body.Event is not { } eventJson)
        {
            errors.Add("event", "is required: the CloudEvent to try the rule with");
        }
        else
        {
            var eventErrors = new FieldErrors();
            @event = Events.EventParser.Parse(eventJson, eventErrors);
            errors.AddAll("event.", eventErrors);
        }

        if (!errors.IsEmpty || rule is null || @event is null)
        {
            return ApiResults.Invalid(errors, "The dry run is not valid.");
        }

        return TypedResults.Json(await ingestor.DryRunAsync(@event, rule, cancellationToken).ConfigureAwait(false), FollowUpJson.Options);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, RuleBook rules, MessageDispatcher dispatcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(dispatcher);
        if (Ids.IsValid(id) && await rules.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
        {
            // Its held messages now; its scheduled ones as they fall due (the dispatcher knows the rule is gone).
            await dispatcher.CancelHeldAsync(id, CancellationToken.None).ConfigureAwait(false);
            return TypedResults.NoContent();
        }

        return ApiResults.NotFound($"There is no rule {Formats.Quote(id)}.");
    }
}
