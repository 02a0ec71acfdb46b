using FollowUp.Storage;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary><c>GET /api/templates</c>, <c>GET|PUT /api/templates/{id}</c> and <c>POST /api/templates/{id}/preview</c>.</summary>
public static class TemplatesApi
{
    public static async Task<JsonHttpResult<IReadOnlyList<MessageTemplate>>> ListAsync(TemplateLibrary templates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return TypedResults.Json(await templates.ListAsync(cancellationToken).ConfigureAwait(false), FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<MessageTemplate>, ProblemHttpResult>> GetAsync(string id, HttpRequest request, TemplateLibrary templates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(request);
        var template = Ids.IsValid(id) ? await templates.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (template is null)
        {
            return ApiResults.NotFound($"There is no template {Formats.Quote(id)}.");
        }

        request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(template.Version);
        return TypedResults.Json(template, FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<MessageTemplate>, ValidationProblem, ProblemHttpResult>> PutAsync(string id, HttpRequest request, TemplateLibrary templates, RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(templates);
        if (!ApiResults.TryReadIfMatch(request, out var expectedVersion, out var mustExist, out var ifMatchError))
        {
            return ApiResults.Invalid("If-Match", ifMatchError!, "The template is not valid.");
        }

        var errors = new FieldErrors();
        TemplateInput? input;
        try
        {
            input = await ApiResults.ReadJsonAsync<TemplateInput>(request, errors, cancellationToken).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return ApiResults.TooLarge();
        }
        catch (UnsupportedMediaTypeException ex)
        {
            return ApiResults.UnsupportedMediaType(ex.Message);
        }

        var template = input is null ? null : await CheckAsync(id, input, rules, templates, errors, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            return ApiResults.Invalid(errors, "The template is not valid.");
        }

        return await SaveCheckedAsync(template with { UpdatedBy = ApiCallers.NameOf(request.HttpContext) }, expectedVersion, mustExist, request, templates, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Everything a save checks of a template: its locales and parts, that its layout and the partials it includes
    /// exist (no cycles, not too deep), and that every enabled feedback or marketing rule whose message it is, or is part
    /// of, still lets its readers unsubscribe.
    /// </summary>
    internal static async Task<MessageTemplate?> CheckAsync(string id, TemplateInput input, RuleBook rules, TemplateLibrary templates, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(templates);
        return SaveChecks.CheckTemplate(
            id,
            input,
            (await rules.GetAllAsync(cancellationToken).ConfigureAwait(false)).Values,
            await templates.ListAsync(cancellationToken).ConfigureAwait(false),
            errors);
    }

    /// <summary>The templates that use <paramref name="id"/> as their layout or include it.</summary>
    internal static async Task<IReadOnlyList<string>> UsersOfAsync(string id, TemplateLibrary templates, CancellationToken cancellationToken)
    {
        var all = await templates.ListAsync(cancellationToken).ConfigureAwait(false);
        return all.Where(t => t.Id != id && (t.Layout == id || TemplateIncludes.UsedBy(t).Contains(id, StringComparer.Ordinal)))
            .Select(t => t.Id)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Saves a checked template as the next version.</summary>
    internal static async Task<Results<JsonHttpResult<MessageTemplate>, ValidationProblem, ProblemHttpResult>> SaveCheckedAsync(MessageTemplate template, int? expectedVersion, bool mustExist, HttpRequest request, TemplateLibrary templates, CancellationToken cancellationToken)
    {
        try
        {
            var (saved, created) = await templates.SaveAsync(template, expectedVersion, mustExist, cancellationToken).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(saved.Version);
            if (created)
            {
                request.HttpContext.Response.Headers.Location = $"/{FollowUpRoutes.Templates}/{saved.Id}";
            }

            return TypedResults.Json(saved with { Warnings = template.Warnings }, FollowUpJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
        catch (EditConflictException ex)
        {
            return ApiResults.Conflict(ex);
        }
    }

    /// <summary>Deletes a template no enabled rule sends: 409 naming the rules that do.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, TemplateLibrary templates, RuleBook rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(rules);
        if (!Ids.IsValid(id) || !await templates.ExistsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return ApiResults.NotFound($"There is no template {Formats.Quote(id)}.");
        }

        if (await UsersOfAsync(id, templates, cancellationToken).ConfigureAwait(false) is { Count: > 0 } users)
        {
            return ApiResults.StateConflict("The template is in use.", $"Template '{id}' is used by the template{(users.Count == 1 ? string.Empty : "s")} {string.Join(", ", users)}: change {(users.Count == 1 ? "it" : "them")} first.");
        }

        var sending = (await rules.GetAllAsync(cancellationToken).ConfigureAwait(false)).Values
            .Where(rule => rule.TemplateId == id && rule.Enabled)
            .Select(rule => rule.Id)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (sending.Count > 0)
        {
            return ApiResults.StateConflict("The template is in use.", $"Template '{id}' is sent by the enabled rule{(sending.Count == 1 ? string.Empty : "s")} {string.Join(", ", sending)}: change or disable {(sending.Count == 1 ? "it" : "them")} first.");
        }

        try
        {
            return await templates.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
                ? TypedResults.NoContent()
                : ApiResults.NotFound($"There is no template {Formats.Quote(id)}.");
        }
        catch (EditConflictException ex)
        {
            return ApiResults.Conflict(ex);
        }
    }

    public static async Task<Results<JsonHttpResult<RenderedContent>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        string id,
        HttpRequest request,
        TemplateLibrary templates,
        RuleBook rules,
        TemplateRenderer renderer,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(time);
        var errors = new FieldErrors();
        TemplatePreviewRequest? body;
        try
        {
            body = request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null)
                ? new TemplatePreviewRequest(null, null, null)
                : await ApiResults.ReadJsonAsync<TemplatePreviewRequest>(request, errors, cancellationToken).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return ApiResults.TooLarge();
        }
        catch (UnsupportedMediaTypeException ex)
        {
            return ApiResults.UnsupportedMediaType(ex.Message);
        }

        if (body is null)
        {
            return ApiResults.Invalid(errors, "The preview request is not valid.");
        }

        var (ready, missingTemplate, unresolved) = await PrepareAsync(id, body.Locale, body.Event, body.Template, templates, rules, errors, cancellationToken).ConfigureAwait(false);
        if (missingTemplate is not null)
        {
            return missingTemplate;
        }

        if (ready is null)
        {
            return ApiResults.Invalid(errors, unresolved ? "The template does not render." : "The preview request is not valid.");
        }

        try
        {
            var rendered = Render(ready, renderer, time);
            return TypedResults.Json(rendered with { Warnings = TemplateLint.Check(ready.Template) is { Count: > 0 } warnings ? warnings : null }, FollowUpJson.Options);
        }
        catch (TemplateRenderException ex)
        {
            return ApiResults.Invalid("template", ex.Message, "The template does not render.");
        }
    }

    /// <summary>What a preview and a test send render: the template (saved, or a draft) as it is shown, its pieces, and the event.</summary>
    internal sealed record PreparedRender(MessageTemplate Template, MessageTemplate Shown, SampleEvent Sample, IReadOnlyDictionary<string, MessageTemplate> Pieces, string? Locale, bool Draft);

    /// <summary>
    /// Reads what a preview or a test send renders; null with the fields named in <paramref name="errors"/> (and
    /// <c>Unresolved</c> when a layout or partial it uses is missing), or the 404 of a saved template that does not exist.
    /// </summary>
    internal static async Task<(PreparedRender? Ready, ProblemHttpResult? Missing, bool Unresolved)> PrepareAsync(string id, string? locale, System.Text.Json.JsonElement? eventJson, TemplateInput? draft, TemplateLibrary templates, RuleBook rules, FieldErrors errors, CancellationToken cancellationToken)
    {
        MessageTemplate? template;
        if (draft is not null)
        {
            var draftErrors = new FieldErrors();
            template = TemplateValidator.Validate(id, draft, draftErrors);
            errors.AddAll("template.", draftErrors);
        }
        else
        {
            template = Ids.IsValid(id) ? await templates.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
            if (template is null)
            {
                return (null, ApiResults.NotFound($"There is no template '{id}'; send its content as 'template' to preview a draft."), false);
            }
        }

        if (locale is not null && !Formats.IsLocale(locale))
        {
            errors.Add("locale", $"'{locale}' is not a BCP 47 language tag such as nb-NO or en");
        }

        SampleEvent? sample = null;
        if (eventJson is { } json)
        {
            var eventErrors = new FieldErrors();
            var parsed = EventParser.Parse(json, eventErrors);
            errors.AddAll("event.", eventErrors);
            sample = parsed is null ? null : new SampleEvent(parsed, SampleEvents.Customer(parsed));
        }
        else
        {
            var allRules = await rules.GetAllAsync(cancellationToken).ConfigureAwait(false);
            var trigger = allRules.Values.FirstOrDefault(rule => rule.TemplateId == id)?.Trigger ?? EventTypes.OrderPlaced;
            sample = SampleEvents.For(trigger);
        }

        if (!errors.IsEmpty || template is null || sample is null)
        {
            return (null, null, false);
        }

        // A layout or partial is seen as a message would show it: around a placeholder, or included alone.
        var shown = template.Kind switch
        {
            TemplateKind.Layout => PlaceholderIn(template, layout: template.Id, body: "<p>(The message goes here.)</p>", text: "(The message goes here.)"),
            TemplateKind.Partial => PlaceholderIn(template, layout: null, body: $"{{{{ include \"{template.Id}\" }}}}", text: $"{{{{ include \"{template.Id}\" }}}}"),
            _ => template,
        };
        var (pieces, missing) = await TemplateIncludes.ResolveAsync(shown, piece => piece == template.Id ? Task.FromResult<MessageTemplate?>(template) : templates.GetAsync(piece, cancellationToken)).ConfigureAwait(false);
        if (missing is not null)
        {
            errors.Add(draft is null ? "template" : "template." + TemplateIncludes.FieldOf(missing), missing);
            return (null, null, true);
        }

        return (new PreparedRender(template, shown, sample, pieces, locale, draft is not null), null, false);
    }

    /// <summary>
    /// Renders as the customer would get it, with the links of no message: an answer or unsubscribe link in it finds
    /// nothing to record on, and a coupon code that is no customer's.
    /// </summary>
    /// <exception cref="TemplateRenderException">The template does not render.</exception>
    internal static RenderedContent Render(PreparedRender ready, TemplateRenderer renderer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ready);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(time);
        var model = MessageModel.Create(ready.Sample.Event, ready.Sample.Customer, time.GetUtcNow());
        return renderer.Render(
            ready.Shown,
            new RenderRequest(PreviewMessageId, ready.Locale ?? ready.Sample.Event.Customer.Locale, model, CouponCode: "PREVIEW-7KQ2M9XD"),
            draft: ready.Draft,
            pieces: ready.Pieces);
    }

    /// <summary>The message id a preview's links carry: not the shape of a message id, so a link of it never finds one.</summary>
    internal const string PreviewMessageId = "preview";

    private static MessageTemplate PlaceholderIn(MessageTemplate piece, string? layout, string body, string text) => new()
    {
        Id = "preview",
        Layout = layout,
        Locales = piece.Locales.ToDictionary(pair => pair.Key, _ => new TemplateContent($"({piece.Id})", body, text), StringComparer.OrdinalIgnoreCase),
    };
}
