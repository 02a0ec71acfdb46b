using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Responses;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Http;

/// <summary>
/// The customers' routes: <c>GET /r/{token}</c> records a one-click answer; <c>GET /u/{token}</c> asks to confirm and
/// <c>POST /u/{token}</c> unsubscribes (RFC 8058 one-click, as mail providers send it). A bad token gets 400 and
/// changes nothing.
/// </summary>
public static class LinksApi
{
    private const string Html = "text/html; charset=utf-8";

    public static async Task<IResult> AnswerAsync(string token, HttpRequest request, LinkSigner signer, CustomerResponses responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Answer, request, signer, out var invalid) is not { } link)
        {
            return invalid;
        }

        var (outcome, message) = await responses.AnswerAsync(link, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            ResponseOutcome.NotFound or ResponseOutcome.NotSent => Results.Content(LinkPages.NotFound(), Html, statusCode: StatusCodes.Status404NotFound),
            _ => Results.Content(LinkPages.Thanks(message?.Locale, outcome == ResponseOutcome.AlreadyRecorded), Html),
        };
    }

    public static async Task<IResult> ConfirmUnsubscribeAsync(string token, HttpRequest request, LinkSigner signer, Messages.MessageLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        if (Read(token, LinkKind.Unsubscribe, request, signer, out var invalid) is not { } link)
        {
            return invalid;
        }

        var message = await ledger.FindAsync(link.MessageId, cancellationToken).ConfigureAwait(false);
        return Results.Content(LinkPages.ConfirmUnsubscribe(message?.Locale, request.Path), Html);
    }

    public static async Task<IResult> UnsubscribeAsync(string token, HttpRequest request, LinkSigner signer, CustomerResponses responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Unsubscribe, request, signer, out var invalid) is not { } link)
        {
            return invalid;
        }

        var (outcome, message) = await responses.UnsubscribeAsync(link, cancellationToken).ConfigureAwait(false);
        return outcome == ResponseOutcome.NotFound
            ? Results.Content(LinkPages.NotFound(), Html, statusCode: StatusCodes.Status404NotFound)
            : Results.Content(LinkPages.Unsubscribed(message?.Locale), Html);
    }

    /// <summary>The token's content when it is genuine and of the expected kind; otherwise null, with the 400 to answer.</summary>
    private static LinkToken? Read(string token, LinkKind kind, HttpRequest request, LinkSigner signer, out IResult invalid)
    {
        ArgumentNullException.ThrowIfNull(signer);
        invalid = Results.Empty;
        if (signer.TryRead(token, out var link) && link!.Kind == kind)
        {
            return link;
        }

        invalid = InvalidToken(request);
        return null;
    }

    private static IResult InvalidToken(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? Results.Content(LinkPages.Invalid(), Html, statusCode: StatusCodes.Status400BadRequest)
            : ApiResults.Invalid("token", "is not a valid link: it was changed, cut off, or signed with another key", "The link is not valid.");
}
