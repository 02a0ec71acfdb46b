using FollowUp.Messages;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary>
/// <c>GET /api/messages?customerId=&amp;orderId=&amp;dealId=&amp;status=&amp;limit=&amp;continuationToken=</c>,
/// <c>GET /api/messages/{id}</c>, <c>GET /api/messages/{id}/content</c> and <c>POST /api/messages/{id}/cancel</c>.
/// </summary>
public static class MessagesApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    private static readonly string[] Parameters = ["customerId", "orderId", "dealId", "status", "limit", "continuationToken"];

    public static async Task<Results<JsonHttpResult<MessagePage>, ValidationProblem>> ListAsync(HttpRequest request, MessageLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        var errors = new FieldErrors();
        var query = request.Query;
        foreach (var name in query.Keys.Where(name => !Parameters.Contains(name, StringComparer.Ordinal)))
        {
            errors.Add(name, $"is not a filter of this list; use {string.Join(", ", Parameters)}");
        }

        foreach (var name in Parameters.Where(name => query.TryGetValue(name, out var values) && values.Count > 1))
        {
            errors.Add(name, "must be given at most once");
        }

        MessageStatus? status = null;
        if (Value(query, "status") is { } statusText)
        {
            var match = Enum.GetValues<MessageStatus>().Where(s => s.ToString().Equals(statusText, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 1)
            {
                status = match[0];
            }
            else
            {
                errors.Add("status", $"{Formats.Quote(statusText, 40)} is not one of {string.Join(", ", Enum.GetNames<MessageStatus>().Select(n => n.ToLowerInvariant()))}");
            }
        }

        var limit = DefaultLimit;
        if (Value(query, "limit") is { } limitText && (!int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        }

        var customerId = Bounded(query, "customerId", Events.EventParser.MaxKeyLength, errors);
        var orderId = Bounded(query, "orderId", Events.EventParser.MaxKeyLength, errors);
        var dealId = Bounded(query, "dealId", Events.EventParser.MaxKeyLength, errors);
        var continuation = Bounded(query, "continuationToken", 2048, errors);
        if (orderId is not null && dealId is not null)
        {
            errors.Add("dealId", "cannot be combined with orderId: a message follows up on an order or a deal, never both");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors, "The query is not valid.");
        }

        var page = await ledger.ListAsync(new MessageQuery(customerId, orderId, dealId, status, limit, continuation), cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(page, FollowUpJson.Options);
    }

    /// <summary>The mail exactly as it was sent: subject, HTML and text, with the rule and template versions that made it.</summary>
    public static async Task<Results<JsonHttpResult<SentContent>, ProblemHttpResult>> GetContentAsync(string id, MessageLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var message = await ledger.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return ApiResults.NotFound($"There is no message {Formats.Quote(id, 64)}.");
        }

        if (SentContent.Unpack(message.Content) is not { } content)
        {
            return ApiResults.NotFound(message.Erased == true ? $"Message {id} was erased with its customer; what it said is not kept."
                : message.SentAt is null ? $"Message {id} has not been sent (it is {message.GetStatus().ToString().ToLowerInvariant()}); preview its template to see what it would say."
                : $"Message {id} was sent before FollowUp kept what it sent.");
        }

        return TypedResults.Json(
            new SentContent
            {
                MessageId = message.RowKey,
                RuleId = message.RuleId,
                RuleVersion = message.RuleVersion > 0 ? message.RuleVersion : null,
                TemplateId = message.TemplateId,
                TemplateVersion = message.TemplateVersion > 0 ? message.TemplateVersion : null,
                Locale = message.RenderedLocale,
                SentAt = message.SentAt,
                Subject = content.Subject,
                Html = content.Html,
                Text = content.Text,
                Omitted = content.Omitted,
            },
            FollowUpJson.Options);
    }

    public static async Task<Results<JsonHttpResult<MessageView>, ProblemHttpResult>> GetAsync(string id, MessageLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var message = await ledger.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return ApiResults.NotFound($"There is no message {Formats.Quote(id, 64)}.");
        }

        return TypedResults.Json(MessageView.From(message), FollowUpJson.Options);
    }

    /// <summary>Cancels one pending or held message, with an optional reason; 409 when it is past that (sent, being sent, settled).</summary>
    public static async Task<Results<JsonHttpResult<MessageView>, ValidationProblem, ProblemHttpResult>> CancelAsync(string id, HttpRequest request, MessageLife life, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(life);
        const int MaxReason = 500;
        var errors = new FieldErrors();
        MessageCancelInput? input = null;
        if (!(request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null)))
        {
            try
            {
                input = await ApiResults.ReadJsonAsync<MessageCancelInput>(request, errors, cancellationToken).ConfigureAwait(false);
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
                return ApiResults.Invalid(errors, "The cancel is not valid.");
            }
        }

        var reason = input?.Reason?.Trim();
        if (reason is { Length: > MaxReason } || (reason is not null && reason.Any(char.IsControl)))
        {
            return ApiResults.Invalid("reason", $"must be at most {MaxReason} characters on one line", "The cancel is not valid.");
        }

        if (await life.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiResults.NotFound($"There is no message {Formats.Quote(id, 64)}.");
        }

        var why = string.IsNullOrEmpty(reason) ? "cancelled through the API" : "cancelled through the API: " + reason;
        if (await life.CancelAsync(id, _ => true, why, cancellationToken: cancellationToken).ConfigureAwait(false) is { } cancelled)
        {
            return TypedResults.Json(MessageView.From(cancelled), FollowUpJson.Options);
        }

        var now = await life.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return now?.GetStatus() switch
        {
            MessageStatus.Claimed => ApiResults.StateConflict("The message is being sent.", $"Message {id} is being sent right now: that send goes ahead, but it will not be retried."),
            MessageStatus.Cancelled => ApiResults.StateConflict("The message is already cancelled.", $"Message {id} was already cancelled: {now.Reason}"),
            { } status => ApiResults.StateConflict("The message is past cancelling.", $"Message {id} is {status.ToString().ToLowerInvariant()}; only a scheduled or held message can be cancelled."),
            null => ApiResults.NotFound($"There is no message {Formats.Quote(id, 64)}."),
        };
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;

    private static string? Bounded(IQueryCollection query, string name, int max, FieldErrors errors)
    {
        var value = Value(query, name);
        if (value is not null && (value.Length > max || value.Any(char.IsSurrogate) && !IsValidUtf16(value)))
        {
            errors.Add(name, $"must be at most {max} characters of valid text");
            return null;
        }

        return value;
    }

    private static bool IsValidUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
