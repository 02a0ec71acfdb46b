using System.Text.Json.Nodes;
using FollowUp.Privacy;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary><c>GET /api/customers/{id}/export</c> and <c>DELETE /api/customers/{id}</c>: a customer's data, and its erasure.</summary>
public static class CustomersApi
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ValidationProblem, ProblemHttpResult>> ExportAsync(string id, CustomerErasure privacy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(privacy);
        id = FromRoute(id);
        if (Invalid(id) is { } invalid)
        {
            return invalid;
        }

        var export = await privacy.ExportAsync(id, cancellationToken).ConfigureAwait(false);
        return export is null
            ? ApiResults.NotFound($"Nothing is held about customer {Formats.Quote(id, 64)}.")
            : TypedResults.Json(export, FollowUpJson.Options);
    }

    /// <summary>Erases the customer; erasing again (or one never seen) answers the same, with nothing more erased.</summary>
    public static async Task<Results<JsonHttpResult<ErasureResult>, ValidationProblem>> EraseAsync(string id, CustomerErasure privacy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(privacy);
        id = FromRoute(id);
        if (Invalid(id) is { } invalid)
        {
            return invalid;
        }

        // Not cancellable half-way by a client that gives up: an erasure begun is finished.
        var result = await privacy.EraseAsync(id, CancellationToken.None).ConfigureAwait(false);
        return TypedResults.Json(result, FollowUpJson.Options);
    }

    /// <summary>
    /// The id as the event carried it: routing decodes every escape in a path segment but <c>%2F</c>, so that a
    /// customer id holding '/' (sent as <c>%2F</c>) arrives still escaped.
    /// </summary>
    private static string FromRoute(string id) => id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static ValidationProblem? Invalid(string id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > Events.EventParser.MaxKeyLength || id.Any(char.IsControl)
            ? ApiResults.Invalid("id", $"must be a customer id as events carry it: 1-{Events.EventParser.MaxKeyLength} characters", "The customer id is not valid.")
            : null;
}
