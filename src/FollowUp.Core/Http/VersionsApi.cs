using System.Globalization;
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
/// <c>GET /api/{rules|templates}/{id}/versions</c>, <c>GET .../versions/{n}</c> and <c>POST .../versions/{n}/restore</c>.
/// Every save keeps the version it replaces; a version never changes. A restore is a save: a new version equal to the
/// old one, checked as a PUT is (its template must still exist, its unsubscribe link still be there), with
/// <c>If-Match</c> optional — without it, whatever is current is replaced.
/// </summary>
public static class VersionsApi
{
    public static async Task<Results<JsonHttpResult<VersionHistory>, ProblemHttpResult>> ListRuleVersionsAsync(string id, RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var versions = Ids.IsValid(id) ? await rules.ListVersionsAsync(id, cancellationToken).ConfigureAwait(false) : [];
        if (versions.Count == 0)
        {
            return ApiResults.NotFound($"There is no rule {Formats.Quote(id)}, nor was there.");
        }

        var current = (await rules.GetAsync(id, cancellationToken).ConfigureAwait(false))?.Version;
        return TypedResults.Json(History(id, current, versions.Select(rule => (rule.Version, rule.UpdatedAt, rule.UpdatedBy, rule.RestoredFrom))), FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<Rule>, ProblemHttpResult>> GetRuleVersionAsync(string id, string version, RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var kept = Ids.IsValid(id) && TryParse(version, out var number) ? await rules.GetVersionAsync(id, number, cancellationToken).ConfigureAwait(false) : null;
        return kept is null
            ? ApiResults.NotFound($"Rule {Formats.Quote(id)} has no version {Formats.Quote(version, 16)}.")
            : TypedResults.Json(kept, FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<Rule>, ValidationProblem, ProblemHttpResult>> RestoreRuleAsync(string id, string version, HttpRequest request, RuleBook rules, TemplateLibrary templates, MessageDispatcher dispatcher, IOptions<ScriptLimits> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(limits);
        if (!TryReadOptionalIfMatch(request, out var expectedVersion, out var mustExist, out var ifMatchError))
        {
            return ApiResults.Invalid("If-Match", ifMatchError!, "The restore is not valid.");
        }

        var kept = Ids.IsValid(id) && TryParse(version, out var number) ? await rules.GetVersionAsync(id, number, cancellationToken).ConfigureAwait(false) : null;
        if (kept is null)
        {
            return ApiResults.NotFound($"Rule {Formats.Quote(id)} has no version {Formats.Quote(version, 16)}.");
        }

        var errors = new FieldErrors();
        var rule = await RulesApi.CheckAsync(id, RuleInput.From(kept), templates, limits.Value, errors, cancellationToken).ConfigureAwait(false);
        if (rule is null)
        {
            return ApiResults.Invalid(errors, $"Version {kept.Version} of rule '{id}' cannot be restored as it is.");
        }

        return await RulesApi.SaveCheckedAsync(rule with { UpdatedBy = ApiCallers.NameOf(request.HttpContext), RestoredFrom = kept.Version }, expectedVersion, mustExist, request, rules, dispatcher, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Results<JsonHttpResult<VersionHistory>, ProblemHttpResult>> ListTemplateVersionsAsync(string id, TemplateLibrary templates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var versions = Ids.IsValid(id) ? await templates.ListVersionsAsync(id, cancellationToken).ConfigureAwait(false) : [];
        if (versions.Count == 0)
        {
            return ApiResults.NotFound($"There is no template {Formats.Quote(id)}, nor was there.");
        }

        var current = await templates.ExistsAsync(id, cancellationToken).ConfigureAwait(false) ? versions[0].Version : (int?)null;
        return TypedResults.Json(History(id, current, versions.Select(template => (template.Version, template.UpdatedAt, template.UpdatedBy, template.RestoredFrom))), FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<MessageTemplate>, ProblemHttpResult>> GetTemplateVersionAsync(string id, string version, TemplateLibrary templates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var kept = Ids.IsValid(id) && TryParse(version, out var number) ? await templates.GetVersionAsync(id, number, cancellationToken).ConfigureAwait(false) : null;
        return kept is null
            ? ApiResults.NotFound($"Template {Formats.Quote(id)} has no version {Formats.Quote(version, 16)}.")
            : TypedResults.Json(kept, FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<MessageTemplate>, ValidationProblem, ProblemHttpResult>> RestoreTemplateAsync(string id, string version, HttpRequest request, TemplateLibrary templates, RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(templates);
        if (!TryReadOptionalIfMatch(request, out var expectedVersion, out var mustExist, out var ifMatchError))
        {
            return ApiResults.Invalid("If-Match", ifMatchError!, "The restore is not valid.");
        }

        var kept = Ids.IsValid(id) && TryParse(version, out var number) ? await templates.GetVersionAsync(id, number, cancellationToken).ConfigureAwait(false) : null;
        if (kept is null)
        {
            return ApiResults.NotFound($"Template {Formats.Quote(id)} has no version {Formats.Quote(version, 16)}.");
        }

        var errors = new FieldErrors();
        var template = await TemplatesApi.CheckAsync(id, TemplateInput.From(kept), rules, templates, errors, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            return ApiResults.Invalid(errors, $"Version {kept.Version} of template '{id}' cannot be restored as it is.");
        }

        return await TemplatesApi.SaveCheckedAsync(template with { UpdatedBy = ApiCallers.NameOf(request.HttpContext), RestoredFrom = kept.Version }, expectedVersion, mustExist, request, templates, cancellationToken).ConfigureAwait(false);
    }

    private static VersionHistory History(string id, int? current, IEnumerable<(int Version, DateTimeOffset? UpdatedAt, string? UpdatedBy, int? RestoredFrom)> versions) => new()
    {
        Id = id,
        Current = current,
        Versions = versions.Select(v => new VersionEntry { Version = v.Version, UpdatedAt = v.UpdatedAt, UpdatedBy = v.UpdatedBy, RestoredFrom = v.RestoredFrom, Current = v.Version == current }).ToList(),
    };

    private static bool TryParse(string text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    /// <summary>A restore says which version it wants, so it needs no If-Match; one given must hold.</summary>
    private static bool TryReadOptionalIfMatch(HttpRequest request, out int? expectedVersion, out bool mustExist, out string? error)
    {
        if (!request.Headers.ContainsKey("If-Match"))
        {
            (expectedVersion, mustExist, error) = (null, false, null);
            return true;
        }

        return ApiResults.TryReadIfMatch(request, out expectedVersion, out mustExist, out error);
    }
}
