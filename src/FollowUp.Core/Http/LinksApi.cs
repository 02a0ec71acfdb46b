using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Responses;
using FollowUp.Sending;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary>
/// The customers' routes: <c>GET /r/{token}</c> records a click and asks to confirm the answer, <c>POST /r/{token}</c>
/// records it (with a comment); <c>GET /u/{token}</c> asks to confirm and
/// <c>POST /u/{token}</c> unsubscribes (RFC 8058 one-click, as mail providers send it). A bad token gets 400 and
/// changes nothing.
/// </summary>
public static class LinksApi
{
    private const string Html = "text/html; charset=utf-8";

    private static readonly Microsoft.AspNetCore.Http.Features.FormOptions CommentLimits = new()
    {
        ValueCountLimit = 8,
        KeyLengthLimit = 64,
        ValueLengthLimit = 4 * Messages.MessageEntity.MaxCommentLength,
        MultipartBodyLengthLimit = 16 * 1024,
        MultipartHeadersLengthLimit = 1024,
        BufferBodyLengthLimit = 16 * 1024,
    };

    private static readonly Microsoft.AspNetCore.Http.Features.FormOptions FormLimits = new()
    {
        ValueCountLimit = 8,
        KeyLengthLimit = 64,
        ValueLengthLimit = 256,
        MultipartBodyLengthLimit = 4096,
        MultipartHeadersLengthLimit = 1024,
        BufferBodyLengthLimit = 4096,
    };

    /// <summary>
    /// An answer link opened: a click is recorded, never an answer (mail scanners follow every link), and the page asks
    /// to confirm — which a person's browser does by itself a moment later.
    /// </summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> AnswerAsync(string token, HttpRequest request, LinkSigner signer, CustomerResponses responses, IOptions<SendGridOptions> sender, IOptions<PageOptions> pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Answer, signer) is not { } link)
        {
            return InvalidToken(request);
        }

        var (outcome, message) = await responses.ClickAsync(link, cancellationToken).ConfigureAwait(false);
        if (outcome is ResponseOutcome.NotFound or ResponseOutcome.NotSent)
        {
            return TypedResults.Content(LinkPages.NotFound(), Html, statusCode: StatusCodes.Status404NotFound);
        }

        var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var brand = PageBrand.From(sender.Value, pages.Value);
        Protect(request, nonce, brand);
        return TypedResults.Content(LinkPages.ConfirmAnswer(message?.Locale ?? message?.RenderedLocale, message?.RenderedLocale, request.Path, link.Answer!, message?.GetChoices() ?? [], nonce, brand), Html);
    }

    /// <summary>The answer confirmed (the page's button, or its script), with an optional comment sent from the thanks page.</summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> ConfirmAnswerAsync(string token, HttpRequest request, LinkSigner signer, CustomerResponses responses, IOptions<SendGridOptions> sender, IOptions<PageOptions> pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Answer, signer) is not { } link)
        {
            return InvalidToken(request);
        }

        string? comment = null;
        string? chosen = null;
        if (request.HasFormContentType)
        {
            if (await ReadFormAsync(request, CommentLimits, cancellationToken).ConfigureAwait(false) is not { } form)
            {
                return AnswerRefused(request, "comment", $"must be at most {Messages.MessageEntity.MaxCommentLength} characters, sent as this page's form (UTF-8)");
            }

            comment = form.TryGetValue("comment", out var values) ? Clean(values.ToString()) : null;
            if (comment is { Length: > Messages.MessageEntity.MaxCommentLength })
            {
                return AnswerRefused(request, "comment", $"must be at most {Messages.MessageEntity.MaxCommentLength} characters");
            }

            if (form.TryGetValue("answer", out var answers))
            {
                chosen = answers.Count == 1 && LinkSigner.IsValidAnswer(answers[0] ?? string.Empty) ? answers[0] : null;
                if (chosen is null)
                {
                    return AnswerRefused(request, "answer", "must be one of the answers the message offered");
                }
            }
        }

        var (outcome, message) = await responses.AnswerAsync(link, chosen, comment, cancellationToken).ConfigureAwait(false);
        if (outcome is ResponseOutcome.NotFound or ResponseOutcome.NotSent)
        {
            return TypedResults.Content(LinkPages.NotFound(), Html, statusCode: StatusCodes.Status404NotFound);
        }

        if (outcome == ResponseOutcome.NotOffered)
        {
            return AnswerRefused(request, "answer", "must be one of the answers the message offered");
        }

        var brand = PageBrand.From(sender.Value, pages.Value);
        Protect(request, null, brand);
        var page = LinkPages.Thanks(message?.Locale ?? message?.RenderedLocale, message?.RenderedLocale, message?.Answer ?? link.Answer!, message?.GetChoices() ?? [], message?.Comment, outcome == ResponseOutcome.AlreadyRecorded, !string.IsNullOrEmpty(comment) && message?.Comment is not null, request.Path, brand);
        return TypedResults.Content(page, Html);
    }

    /// <summary>The posted form within <paramref name="limits"/>; null when it is larger, malformed, or in a charset .NET cannot read.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, Microsoft.AspNetCore.Http.Features.FormOptions limits, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(limits, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    private static ContentHttpResult Unsubscribed(HttpRequest request, string? locale, UnsubscribeScope scope, PageBrand brand)
    {
        Protect(request, null, brand);
        return TypedResults.Content(LinkPages.Unsubscribed(locale, scope, brand), Html);
    }

    /// <summary>
    /// A comment as typed: line breaks as the text box counted them (a browser posts each as CR LF, the box counts one
    /// character), no other control characters, trimmed.
    /// </summary>
    private static string Clean(string text) =>
        new string([.. text.ReplaceLineEndings("\n").Where(c => !char.IsControl(c) || c == '\n')]).Trim();

    /// <summary>A refused answer or comment: a page for the person whose browser posted it, a problem for a program.</summary>
    private static Results<ContentHttpResult, ValidationProblem> AnswerRefused(HttpRequest request, string field, string reason) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Content(field == "comment" ? LinkPages.CommentRefused() : LinkPages.AnswerRefused(), Html, statusCode: StatusCodes.Status400BadRequest)
            : ApiResults.Invalid(field, reason, "The answer is not valid.");

    /// <summary>The customers' pages load nothing from elsewhere and run no script but their own, by its nonce.</summary>
    private static void Protect(HttpRequest request, string? nonce, PageBrand brand)
    {
        var script = nonce is null ? "'none'" : $"'nonce-{nonce}'";
        var images = brand.LogoOrigin ?? "'none'";
        request.HttpContext.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; img-src {images}; script-src {script}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
        request.HttpContext.Response.Headers.CacheControl = "no-store";
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem>> ConfirmUnsubscribeAsync(string token, HttpRequest request, LinkSigner signer, Messages.MessageLedger ledger, CustomerResponses responses, IOptions<SendGridOptions> sender, IOptions<PageOptions> pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Unsubscribe, signer) is not { } link)
        {
            return InvalidToken(request);
        }

        // The choice a button press without changing it makes is the one a one-click unsubscribe makes.
        var message = await ledger.FindAsync(link.MessageId, cancellationToken).ConfigureAwait(false);
        var brand = PageBrand.From(sender.Value, pages.Value);
        Protect(request, null, brand);
        return TypedResults.Content(LinkPages.ConfirmUnsubscribe(message?.Locale, request.Path, responses.OneClickScope(message), brand), Html);
    }

    /// <summary>
    /// The page's choice (<c>scope</c>: <c>marketing</c>, <c>marketing-and-feedback</c> or <c>everything</c>), or a
    /// mail client's RFC 8058 one-click POST (<c>List-Unsubscribe=One-Click</c>, no choice).
    /// </summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> UnsubscribeAsync(string token, HttpRequest request, LinkSigner signer, CustomerResponses responses, IOptions<SendGridOptions> sender, IOptions<PageOptions> pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responses);
        if (Read(token, LinkKind.Unsubscribe, signer) is not { } link)
        {
            return InvalidToken(request);
        }

        UnsubscribeScope? chosen = null;
        if (request.HasFormContentType)
        {
            // The page posts one short field and a mail client's one-click another: nothing larger is read.
            if (await ReadFormAsync(request, FormLimits, cancellationToken).ConfigureAwait(false) is not { } form)
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
            : Unsubscribed(request, message?.Locale, scope, PageBrand.From(sender.Value, pages.Value));
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
