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

        ArgumentNullException.ThrowIfNull(rules);
        var template = input is null
            ? null
            : SaveChecks.CheckTemplate(id, input, (await rules.GetAllAsync(cancellationToken).ConfigureAwait(false)).Values, errors);
        if (template is null)
        {
            return ApiResults.Invalid(errors, "The template is not valid.");
        }

        try
        {
            var (saved, created) = await templates.SaveAsync(template, expectedVersion, mustExist, cancellationToken).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(saved.Version);
            if (created)
            {
                request.HttpContext.Response.Headers.Location = $"/{FollowUpRoutes.Templates}/{saved.Id}";
            }

            return TypedResults.Json(saved, FollowUpJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
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

        MessageTemplate? template;
        if (body.Template is not null)
        {
            var draftErrors = new FieldErrors();
            template = TemplateValidator.Validate(id, body.Template, draftErrors);
            errors.AddAll("template.", draftErrors);
        }
        else
        {
            template = Ids.IsValid(id) ? await templates.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
            if (template is null)
            {
                return ApiResults.NotFound($"There is no template '{id}'; send its content as 'template' to preview a draft.");
            }
        }

        if (body.Locale is not null && !Formats.IsLocale(body.Locale))
        {
            errors.Add("locale", $"'{body.Locale}' is not a BCP 47 language tag such as nb-NO or en");
        }

        SampleEvent? sample = null;
        if (body.Event is { } eventJson)
        {
            var eventErrors = new FieldErrors();
            var parsed = EventParser.Parse(eventJson, eventErrors);
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
            return ApiResults.Invalid(errors, "The preview request is not valid.");
        }

        var model = MessageModel.Create(sample.Event, sample.Customer, time.GetUtcNow());
        try
        {
            var rendered = renderer.Render(
                template,
                new RenderRequest("preview", body.Locale ?? sample.Event.Customer.Locale, model, CouponCode: "PREVIEW-7KQ2M9XD"),
                draft: body.Template is not null);
            return TypedResults.Json(rendered, FollowUpJson.Options);
        }
        catch (TemplateRenderException ex)
        {
            return ApiResults.Invalid("template", ex.Message, "The template does not render.");
        }
    }
}
