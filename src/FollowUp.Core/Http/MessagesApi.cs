using FollowUp.Messages;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Http;

/// <summary><c>GET /api/messages?customerId=&amp;orderId=&amp;dealId=&amp;status=&amp;limit=&amp;continuationToken=</c> and <c>GET /api/messages/{id}</c>.</summary>
public static class MessagesApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static async Task<IResult> ListAsync(HttpRequest request, MessageLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        var errors = new FieldErrors();
        var query = request.Query;
        MessageStatus? status = null;
        if (query.TryGetValue("status", out var statusText) && !string.IsNullOrEmpty(statusText))
        {
            if (Enum.TryParse<MessageStatus>(statusText, ignoreCase: true, out var parsed) && !int.TryParse(statusText, out _))
            {
                status = parsed;
            }
            else
            {
                errors.Add("status", $"'{statusText}' is not one of {string.Join(", ", Enum.GetNames<MessageStatus>().Select(n => n.ToLowerInvariant()))}");
            }
        }

        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText) && !string.IsNullOrEmpty(limitText)
            && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        }

        var orderId = Value(query, "orderId");
        var dealId = Value(query, "dealId");
        if (orderId is not null && dealId is not null)
        {
            errors.Add("dealId", "cannot be combined with orderId: a message follows up on an order or a deal, never both");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors, "The query is not valid.");
        }

        var page = await ledger.ListAsync(new MessageQuery(Value(query, "customerId"), orderId, dealId, status, limit, Value(query, "continuationToken")), cancellationToken).ConfigureAwait(false);
        return Results.Json(page, FollowUpJson.Options);
    }

    public static async Task<IResult> GetAsync(string id, MessageLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var message = id.Length is > 0 and <= 64 && id.All(char.IsAsciiHexDigitLower)
            ? await ledger.FindAsync(id, cancellationToken).ConfigureAwait(false)
            : null;
        return message is null ? ApiResults.NotFound($"There is no message '{id}'.") : Results.Json(MessageView.From(message), FollowUpJson.Options);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
}
