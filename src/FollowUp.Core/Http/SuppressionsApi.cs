using System.Buffers.Text;
using System.Text;
using Azure;
using FollowUp.Messages;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary>
/// <c>GET /api/suppressions?q=&amp;limit=&amp;continuationToken=</c>, and <c>GET|PUT|DELETE /api/suppressions/{address}</c>:
/// the addresses that get no mail, why, and a person's additions and removals with their history.
/// </summary>
public static class SuppressionsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxReason = 500;

    private static readonly string[] Parameters = ["q", "limit", "continuationToken"];

    public static async Task<Results<JsonHttpResult<SuppressionPage>, ValidationProblem>> ListAsync(HttpRequest request, Suppressions suppressions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(suppressions);
        var errors = new FieldErrors();
        var query = request.Query;
        QueryParameters.Check(query, Parameters, errors);
        var q = QueryParameters.Text(query, "q", 254, errors)?.Trim() ?? string.Empty;
        var limit = QueryParameters.Limit(query, DefaultLimit, MaxLimit, errors);
        var continuation = QueryParameters.Text(query, "continuationToken", 2048, errors) is { } token ? Unwrap(token, errors) : null;
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors, "The query is not valid.");
        }

        SuppressionPage page;
        try
        {
            page = await suppressions.ListAsync(q, limit, continuation, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 400 && continuation is not null)
        {
            return ApiResults.Invalid("continuationToken", "is not a token this list gave", "The query is not valid.");
        }

        // An erased customer's address is kept only as its hash, which no prefix finds: the whole address does.
        var items = page.Items;
        if (continuation is null && Formats.IsEmail(q)
            && await suppressions.GetAsync(suppressions.HashedKey(q), cancellationToken).ConfigureAwait(false) is { Suppressed: true } hashed)
        {
            items = [hashed with { History = null }, .. items];
        }

        return TypedResults.Json(new SuppressionPage(items, page.ContinuationToken is { } next ? Wrap(next) : null), FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<SuppressedAddress>, ValidationProblem, ProblemHttpResult>> GetAsync(string address, Suppressions suppressions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suppressions);
        if (KeyOf(address, allowHash: true) is not { } key)
        {
            return InvalidAddress(address, allowHash: true);
        }

        return await suppressions.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } found
            ? TypedResults.Json(found, FollowUpJson.Options)
            : ApiResults.NotFound($"{Formats.Quote(FromRoute(address), 80)} is not on the suppression list, and never was.");
    }

    /// <summary>Adds the address by hand: 201 when it was not on the list, 200 when it was (widened, never narrowed).</summary>
    public static async Task<Results<JsonHttpResult<SuppressedAddress>, ValidationProblem, ProblemHttpResult>> PutAsync(string address, HttpRequest request, Suppressions suppressions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(suppressions);
        var errors = new FieldErrors();
        var email = FromRoute(address);
        if (!Formats.IsReadableEmail(email))
        {
            errors.Add("address", Suppressions.IsHashedKey(email)
                ? "is an erased customer's address, kept as a hash: it cannot be added by hand (add the address itself)"
                : "must be an email address of at most 254 characters");
        }

        if (!ApiResults.IsJson(request.ContentType))
        {
            return ApiResults.UnsupportedMediaType($"Send JSON (Content-Type application/json), not {Formats.Quote(request.ContentType)}.");
        }

        ReadOnlyMemory<byte> body;
        try
        {
            body = await ApiResults.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return ApiResults.TooLarge();
        }

        var input = ApiResults.ParseJson<SuppressionInput>(body, errors);
        var reason = input?.Reason?.Trim();
        if (input is not null && Reason(reason, errors, required: true) && errors.IsEmpty)
        {
            var (created, suppression) = await suppressions.AddByHandAsync(email, input.Scope ?? UnsubscribeScope.Everything, reason!, ApiCallers.NameOf(request.HttpContext), cancellationToken).ConfigureAwait(false);
            if (created)
            {
                request.HttpContext.Response.Headers.Location = $"/{FollowUpRoutes.Suppressions}/{Uri.EscapeDataString(suppression.Key)}";
            }

            return TypedResults.Json(suppression, FollowUpJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }

        return ApiResults.Invalid(errors, "The suppression is not valid.");
    }

    /// <summary>Takes the address (or an erased customer's hash) off the list, with an optional reason from the body or the query.</summary>
    public static async Task<Results<JsonHttpResult<SuppressedAddress>, ValidationProblem, ProblemHttpResult>> DeleteAsync(string address, HttpRequest request, Suppressions suppressions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(suppressions);
        var errors = new FieldErrors();
        var key = KeyOf(address, allowHash: true);
        if (key is null)
        {
            errors.Add("address", "must be an email address of at most 254 characters, or the key (h_…) of an erased customer's");
        }

        QueryParameters.Check(request.Query, ["reason"], errors, "removal");
        var reason = QueryParameters.Text(request.Query, "reason", MaxReason, errors)?.Trim();
        if (HasBody(request))
        {
            var (input, refused) = await ApiResults.TryReadJsonAsync<SuppressionRemovalInput>(request, errors, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }

            if (input?.Reason is not null && reason is not null)
            {
                errors.Add("reason", "give the reason in the body or the query, not both");
            }

            reason = input?.Reason?.Trim() ?? reason;
        }

        Reason(reason, errors, required: false);
        if (!errors.IsEmpty || key is null)
        {
            return ApiResults.Invalid(errors, "The removal is not valid.");
        }

        var (outcome, suppression) = await suppressions.RemoveAsync(key, string.IsNullOrEmpty(reason) ? null : reason, ApiCallers.NameOf(request.HttpContext), cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            SuppressionRemoval.Removed => TypedResults.Json(suppression!, FollowUpJson.Options),
            SuppressionRemoval.SuppressedAgain => ApiResults.StateConflict("The address was suppressed again meanwhile.", $"{Formats.Quote(FromRoute(address), 80)} was suppressed again (an unsubscribe or a bounce) while it was being removed, so it stays on the list: read it, and remove it again if you still mean to."),
            _ => ApiResults.NotFound($"{Formats.Quote(FromRoute(address), 80)} is not on the suppression list."),
        };
    }

    private static bool Reason(string? reason, FieldErrors errors, bool required)
    {
        if (string.IsNullOrEmpty(reason))
        {
            if (required)
            {
                errors.Add("reason", "is required: say why, for the address's history");
            }

            return !required;
        }

        if (reason.Length > MaxReason || reason.Any(char.IsControl) || !QueryParameters.IsValidText(reason))
        {
            errors.Add("reason", $"must be at most {MaxReason} characters on one line");
            return false;
        }

        return true;
    }

    private static bool HasBody(HttpRequest request) =>
        !(request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null));

    /// <summary>
    /// The table key an address (lower-cased, so case never makes a second entry) or an erased customer's hash names;
    /// null when it is neither. Any address an event could carry, so that one with an invisible character, which an
    /// unsubscribe may have put on the list, can still be read and removed.
    /// </summary>
    private static string? KeyOf(string address, bool allowHash)
    {
        var value = FromRoute(address);
        return allowHash && Suppressions.IsHashedKey(value) ? value
            : Formats.IsEmail(value) ? Suppressions.Key(value)
            : null;
    }

    private static ValidationProblem InvalidAddress(string address, bool allowHash) =>
        ApiResults.Invalid("address", allowHash
            ? "must be an email address of at most 254 characters, or the key (h_…) of an erased customer's"
            : "must be an email address of at most 254 characters", $"{Formats.Quote(FromRoute(address), 80)} is not an address.");

    /// <summary>Routing decodes every escape in a path segment but <c>%2F</c>, and an address may hold '/'.</summary>
    private static string FromRoute(string address) => address.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The storage's continuation token as an opaque, URL-safe one.</summary>
    private static string Wrap(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    private static string? Unwrap(string token, FieldErrors errors)
    {
        if (Base64Url.IsValid(token))
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));

            // What storage gives is two encoded keys: printable ASCII, which is all a request header may carry.
            if (text.Length > 0 && text.All(c => c is >= ' ' and <= '~'))
            {
                return text;
            }
        }

        errors.Add("continuationToken", "is not a token this list gave");
        return null;
    }
}
