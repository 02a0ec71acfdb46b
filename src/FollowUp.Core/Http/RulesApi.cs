using Azure;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Http;

/// <summary><c>GET /api/rules</c>, <c>GET|PUT|DELETE /api/rules/{id}</c>. PUT honours <c>If-Match: "v{version}"</c>.</summary>
public static class RulesApi
{
    public static async Task<IResult> ListAsync(RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var all = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(all.Values.OrderBy(rule => rule.Id, StringComparer.Ordinal).ToList(), FollowUpJson.Options);
    }

    public static async Task<IResult> GetAsync(string id, HttpRequest request, RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(request);
        var rule = await rules.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (rule is null)
        {
            return ApiResults.NotFound($"There is no rule '{id}'.");
        }

        request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(rule.Version);
        return Results.Json(rule, FollowUpJson.Options);
    }

    public static async Task<IResult> PutAsync(string id, HttpRequest request, RuleBook rules, TemplateLibrary templates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(templates);
        var errors = new FieldErrors();
        var input = await ApiResults.ReadJsonAsync<RuleInput>(request, errors, cancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            return ApiResults.Invalid(errors, "The rule is not valid.");
        }

        var templateExists = input.TemplateId is not null && Ids.IsValid(input.TemplateId)
            && await templates.ExistsAsync(input.TemplateId, cancellationToken).ConfigureAwait(false);
        var rule = RuleValidator.Validate(id, input, _ => templateExists, errors);
        if (rule is null)
        {
            return ApiResults.Invalid(errors, "The rule is not valid.");
        }

        try
        {
            var (saved, created) = await rules.SaveAsync(rule, ApiResults.ExpectedVersion(request), cancellationToken).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(saved.Version);
            return created
                ? Results.Created($"/{FollowUpRoutes.Rules}/{saved.Id}", saved)
                : Results.Json(saved, FollowUpJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return ApiResults.VersionConflict(ex.Message);
        }
    }

    public static async Task<IResult> DeleteAsync(string id, RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return await rules.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiResults.NotFound($"There is no rule '{id}'.");
    }
}
