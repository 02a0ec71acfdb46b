using FollowUp.Storage;
using FollowUp.Validation;
using FollowUp.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FollowUp.Http;

/// <summary>
/// <c>GET /api/webhooks</c>, <c>GET|PUT|DELETE /api/webhooks/{id}</c>: subscriptions to messages' ledger events. PUT
/// creates one, or replaces one with <c>If-Match</c> (as rules are); the answer carries the signing secret.
/// </summary>
public static class WebhookSubscriptionsApi
{
    public static async Task<JsonHttpResult<List<WebhookSubscription>>> ListAsync(WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var all = await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false);

        // Secrets are shown one subscription at a time, not in a list that is easily logged or shared.
        return TypedResults.Json(all.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s with { Secret = null }).ToList(), FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<WebhookSubscription>, ProblemHttpResult>> GetAsync(string id, HttpRequest request, WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(subscriptions);
        var subscription = Ids.IsValid(id) ? await subscriptions.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (subscription is null)
        {
            return ApiResults.NotFound($"There is no webhook {Formats.Quote(id)}.");
        }

        request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(subscription.Version);
        return TypedResults.Json(subscription, FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<WebhookSubscription>, ValidationProblem, ProblemHttpResult>> PutAsync(string id, HttpRequest request, WebhookSubscriptions subscriptions, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(options);
        if (!ApiResults.TryReadIfMatch(request, out var expectedVersion, out var mustExist, out var ifMatchError))
        {
            return ApiResults.Invalid("If-Match", ifMatchError!, "The webhook is not valid.");
        }

        var errors = new FieldErrors();
        if (!Ids.IsValid(id))
        {
            errors.Add("id", $"must be {Ids.Rule}");
        }

        WebhookInput? input;
        try
        {
            input = await ApiResults.ReadJsonAsync<WebhookInput>(request, errors, cancellationToken).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return ApiResults.TooLarge();
        }
        catch (UnsupportedMediaTypeException ex)
        {
            return ApiResults.UnsupportedMediaType(ex.Message);
        }

        if (input is null || !WebhookValidator.Validate(input, options.Value, errors) || !errors.IsEmpty)
        {
            return ApiResults.Invalid(errors, "The webhook is not valid.");
        }

        try
        {
            var (saved, created) = await subscriptions.SaveAsync(input, id, expectedVersion, mustExist, cancellationToken).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = ApiResults.ETagFor(saved.Version);
            if (created)
            {
                request.HttpContext.Response.Headers.Location = $"/{FollowUpRoutes.Webhooks}/{saved.Id}";
            }

            return TypedResults.Json(saved, FollowUpJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
        catch (EditConflictException ex)
        {
            return ApiResults.Conflict(ex);
        }
    }

    /// <summary>Deletes the subscription and what was still waiting to reach it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, WebhookSubscriptions subscriptions, WebhookOutbox outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(outbox);
        if (Ids.IsValid(id) && await subscriptions.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
        {
            await outbox.PurgeAsync(id, CancellationToken.None).ConfigureAwait(false);
            return TypedResults.NoContent();
        }

        return ApiResults.NotFound($"There is no webhook {Formats.Quote(id)}.");
    }
}
