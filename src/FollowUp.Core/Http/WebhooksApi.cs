using System.Globalization;
using System.Text;
using System.Text.Json;
using FollowUp.Responses;
using FollowUp.Sending;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace FollowUp.Http;

/// <summary>
/// <c>POST /webhooks/sendgrid</c>: SendGrid's Event Webhook. Public, and taken only when SendGrid's ECDSA signature over
/// the timestamp and the body verifies with the configured key (checked by SendGrid's own <see cref="RequestValidator"/>)
/// and the timestamp is recent: an unsigned, changed or replayed request is 401 and records nothing.
/// </summary>
public static class WebhooksApi
{
    /// <summary>SendGrid posts up to a few thousand events at once; far less than this.</summary>
    public const int MaxEvents = 10_000;

    public static async Task<Results<JsonHttpResult<ProviderEventsResult>, ValidationProblem, ProblemHttpResult>> SendGridAsync(HttpRequest request, ProviderEvents events, IOptions<SendGridOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(options.Value.WebhookPublicKey))
        {
            return ApiResults.NotFound($"The SendGrid Event Webhook is not set up here: set {SendGridOptions.SectionName}:WebhookPublicKey to its verification key.");
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

        var signature = request.Headers[RequestValidator.SIGNATURE_HEADER].ToString();
        var timestamp = request.Headers[RequestValidator.TIMESTAMP_HEADER].ToString();
        if (signature.Length == 0 || timestamp.Length == 0)
        {
            return Unauthorized($"The request is not signed: {RequestValidator.SIGNATURE_HEADER} and {RequestValidator.TIMESTAMP_HEADER} are required.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 4_102_444_800)
        {
            return Unauthorized($"{RequestValidator.TIMESTAMP_HEADER} is not a Unix time in seconds.");
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > options.Value.WebhookMaxAge || age < -options.Value.WebhookMaxAge)
        {
            return Unauthorized($"The request was signed {Math.Abs(age.TotalSeconds):0} seconds {(age > TimeSpan.Zero ? "ago" : "in the future")}; at most {options.Value.WebhookMaxAge.TotalSeconds:0} are taken, so that a recorded request cannot be played again.");
        }

        if (!Verifies(options.Value.WebhookPublicKey.Trim(), body, signature, timestamp))
        {
            return Unauthorized("The signature does not verify with the configured key: the request was changed, or signed by another account.");
        }

        var errors = new Validation.FieldErrors();
        var parsed = Parse(body, time.GetUtcNow(), errors);
        if (parsed is null)
        {
            return ApiResults.Invalid(errors, "The events are not valid.");
        }

        return TypedResults.Json(await events.RecordAsync(parsed, cancellationToken).ConfigureAwait(false), FollowUpJson.Options);
    }

    private static bool Verifies(string publicKey, ReadOnlyMemory<byte> body, string signature, string timestamp)
    {
        try
        {
            var validator = new RequestValidator();
            return validator.VerifySignature(Keys.GetOrAdd(publicKey, validator.ConvertPublicKeyToECDSA), Encoding.UTF8.GetString(body.Span), signature, timestamp);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a signature that is not base64 DER makes the library throw (an overflow, an index, a format),
            // the request is not signed: a stranger must not be able to turn that into a 500.
            return false;
        }
    }

    // The key is parsed once, not on every request a stranger may send.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, EllipticCurve.PublicKey> Keys = new(StringComparer.Ordinal);

    /// <summary>The events SendGrid posts: an array of objects; unknown members are theirs to add and are ignored.</summary>
    private static List<ProviderEvent>? Parse(ReadOnlyMemory<byte> body, DateTimeOffset received, Validation.FieldErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add("body", "must be a JSON array of events");
                return null;
            }

            if (document.RootElement.GetArrayLength() > MaxEvents)
            {
                errors.Add("body", $"must hold at most {MaxEvents} events");
                return null;
            }

            var events = new List<ProviderEvent>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                // An item SendGrid would never send is counted as ignored rather than refusing the batch: the
                // bounces and complaints beside it must not be lost when SendGrid gives up sending it again.
                var name = item.ValueKind == JsonValueKind.Object ? Text(item, "event") : null;
                if (name is null)
                {
                    events.Add(new ProviderEvent(string.Empty, null, null, received));
                    continue;
                }

                var at = item.TryGetProperty("timestamp", out var stamp) && stamp.ValueKind == JsonValueKind.Number && stamp.TryGetInt64(out var unix) && unix is > 0 and < 4_102_444_800
                    ? DateTimeOffset.FromUnixTimeSeconds(unix)
                    : received;
                events.Add(new ProviderEvent(name, Text(item, "sg_event_id"), Text(item, SendGridMailSender.MessageIdArg), at, Text(item, "url"), Text(item, "type"), Text(item, "reason") ?? Text(item, "response"), Text(item, "attempt")));
            }

            return errors.IsEmpty ? events : null;
        }
    }

    private static string? Text(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return null;
        }

        try
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => Cut(value.GetString()),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but no .NET string: the value is left out.
            return null;
        }
    }

    private static string? Cut(string? text) => text is { Length: > 2000 } ? text[..2000] : text;

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "The webhook request is not signed by SendGrid.", detail: detail, statusCode: StatusCodes.Status401Unauthorized, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2");
}
