using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary>
/// The customers' routes: <c>GET /r/{token}</c> records a one-click answer; <c>GET /u/{token}</c> asks to confirm and
/// <c>POST /u/{token}</c> unsubscribes (RFC 8058 one-click, as mail providers send it). A bad token gets 400 and
/// changes nothing.
/// </summary>
public static class LinksApi
{
    private const string Html = "text/html; charset=utf-8";

    private static readonly Microsoft.AspNetCore.Http.Features.FormOptions FormLimits = new()
    {
        ValueCountLimit = 8,
        KeyLengthLimit = 64,
        ValueLengthLimit = 256,
        MultipartBodyLengthLimit = 4096,
        MultipartHeadersLengthLimit = 1024,
        BufferBodyLengthLimit = 4096,
    };

    public static async Task<Results<ContentHttpResult, ValidationProblem>> AnswerAsync(string token, HttpRequest request, LinkSigner signer, CustomerResponses responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Answer, signer) is not { } link)
        {
            return InvalidToken(request);
        }

        var (outcome, message) = await responses.AnswerAsync(link, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            ResponseOutcome.NotFound or ResponseOutcome.NotSent => TypedResults.Content(LinkPages.NotFound(), Html, statusCode: StatusCodes.Status404NotFound),
            _ => TypedResults.Content(LinkPages.Thanks(message?.Locale, outcome == ResponseOutcome.AlreadyRecorded), Html),
        };
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem>> ConfirmUnsubscribeAsync(string token, HttpRequest request, LinkSigner signer, Messages.MessageLedger ledger, CustomerResponses responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Unsubscribe, signer) is not { } link)
        {
            return InvalidToken(request);
        }

        // The choice a button press without changing it makes is the one a one-click unsubscribe makes.
        var message = await ledger.FindAsync(link.MessageId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Content(LinkPages.ConfirmUnsubscribe(message?.Locale, request.Path, responses.OneClickScope(message)), Html);
    }

    /// <summary>
    /// The page's choice (<c>scope</c>: <c>marketing</c>, <c>marketing-and-feedback</c> or <c>everything</c>), or a
    /// mail client's RFC 8058 one-click POST (<c>List-Unsubscribe=One-Click</c>, no choice).
    /// </summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> UnsubscribeAsync(string token, HttpRequest request, LinkSigner signer, CustomerResponses responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Unsubscribe, signer) is not { } link)
        {
            return InvalidToken(request);
        }

        UnsubscribeScope? chosen = null;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                // The page posts one short field and a mail client's one-click another: nothing larger is read.
                form = await request.ReadFormAsync(FormLimits, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                return ApiResults.Invalid("body", "is not a form this page posts (scope=marketing, marketing-and-feedback or everything)", "The choice is not valid.");
            }

            if (form.TryGetValue("scope", out var values))
            {
                chosen = values.Count == 1 ? LinkPages.ScopeOf(values[0]) : null;
                if (chosen is null)
                {
                    return ApiResults.Invalid("scope", "must be one of marketing, marketing-and-feedback, everything", "The choice is not valid.");
                }
            }
        }

        var (outcome, message, scope) = await responses.UnsubscribeAsync(link, chosen, cancellationToken).ConfigureAwait(false);
        return outcome == ResponseOutcome.NotFound
            ? TypedResults.Content(LinkPages.NotFound(), Html, statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Content(LinkPages.Unsubscribed(message?.Locale, scope), Html);
    }

    /// <summary>The token's content when it is genuine and of the expected kind; otherwise null.</summary>
    private static LinkToken? Read(string token, LinkKind kind, LinkSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return signer.TryRead(token, out var link) && link!.Kind == kind ? link : null;
    }

    private static Results<ContentHttpResult, ValidationProblem> InvalidToken(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Content(LinkPages.Invalid(), Html, statusCode: StatusCodes.Status400BadRequest)
            : ApiResults.Invalid("token", "is not a valid link: it was changed, cut off, or signed with another key", "The link is not valid.");
}
