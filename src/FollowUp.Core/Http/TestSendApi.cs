using System.Globalization;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Sending;
using FollowUp.Templates;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace FollowUp.Http;

/// <summary>
/// <c>POST /api/templates/{id}/test-send</c>: a template rendered as its preview renders it, sent to a person at the
/// business through the configured sender with <c>[Test] </c> before its subject. It is no customer's message: nothing
/// is scheduled, recorded in the ledger or counted in reports, and its links are a preview's, which find no message to
/// record an answer or an unsubscribe on.
/// </summary>
public static partial class TestSendApi
{
    public const string SubjectPrefix = "[Test] ";

    /// <summary>What the outbox file and the provider's category call a test, in place of a rule.</summary>
    public const string RuleName = "test-send";

    public static async Task<Results<JsonHttpResult<TestSendResult>, ValidationProblem, ProblemHttpResult>> SendAsync(
        string id,
        HttpRequest request,
        TemplateLibrary templates,
        RuleBook rules,
        TemplateRenderer renderer,
        Suppressions suppressions,
        IMailSender mail,
        LinkSigner links,
        TestSendLimiter limiter,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(suppressions);
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(loggers);
        var errors = new FieldErrors();
        var (body, refused) = await ApiResults.TryReadJsonAsync<TemplateTestSendRequest>(request, errors, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (body is null)
        {
            return ApiResults.Invalid(errors, "The test send is not valid.");
        }

        var to = body.To?.Trim();
        if (string.IsNullOrEmpty(to))
        {
            errors.Add("to", "is required: the address the test goes to");
        }
        else if (!Formats.IsReadableEmail(to))
        {
            errors.Add("to", "must be an email address of at most 254 characters");
        }

        var (ready, missing, unresolved) = await TemplatesApi.PrepareAsync(id, body.Locale, body.Event, body.Template, templates, rules, errors, cancellationToken).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        if (ready is not null && ready.Template.Kind != TemplateKind.Message)
        {
            var kind = ready.Template.Kind.ToString().ToLowerInvariant();
            errors.Add(ready.Draft ? "template.kind" : "id", $"'{ready.Template.Id}' is a {kind}, not a message a rule sends: test a message that uses it (preview shows a {kind} alone)");
        }

        if (ready is null || !errors.IsEmpty)
        {
            return ApiResults.Invalid(errors, unresolved ? "The template does not render." : "The test send is not valid.");
        }

        if (await suppressions.ScopeOfAsync(to!, cancellationToken).ConfigureAwait(false) is { } scope)
        {
            return ApiResults.StateConflict(
                "The address is on the suppression list.",
                $"{Formats.Quote(to, 80)} has unsubscribed from {Suppressions.Words(scope)} (or bounced): a test is not sent there either. Test with another address, or remove it from the list first (DELETE /api/suppressions/{{address}}).");
        }

        RenderedContent rendered;
        try
        {
            rendered = TemplatesApi.Render(ready, renderer, time);
        }
        catch (TemplateRenderException ex)
        {
            return ApiResults.Invalid("template", ex.Message, "The template does not render.");
        }

        // Counted only for what goes to the provider: a render that fails costs what a preview costs, and a preview is
        // not limited.
        var caller = ApiCallers.NameOf(request.HttpContext);
        if (!limiter.TryTake(caller, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "Too many test sends.",
                detail: $"At most {TestSendLimiter.PerMinute} test sends a minute per API key; the next one can go in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests,
                type: "https://www.rfc-editor.org/rfc/rfc6585#section-4");
        }

        // An id of its own for the provider and the outbox file, of no message's shape.
        var testId = "test-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var subject = SubjectPrefix + rendered.Subject;
        var outcome = await mail.SendAsync(
            new OutgoingMail(testId, RuleName, to!, null, subject, rendered.Html, rendered.Text, links.UnsubscribeUrl(TemplatesApi.PreviewMessageId)) { IsTest = true },
            cancellationToken).ConfigureAwait(false);
        var logger = loggers.CreateLogger(typeof(TestSendApi).FullName!);
        if (outcome.Result != SendResult.Accepted)
        {
            LogRefused(logger, ready.Template.Id, caller, outcome.Reason);
            return TypedResults.Problem(
                title: "The mail provider did not take the test.",
                detail: outcome.Reason ?? "It gave no reason.",
                statusCode: StatusCodes.Status502BadGateway,
                type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3");
        }

        LogSent(logger, ready.Template.Id, caller, outcome.ProviderMessageId);
        return TypedResults.Json(
            new TestSendResult
            {
                To = to!,
                Subject = subject,
                Locale = rendered.Locale,
                TemplateId = ready.Template.Id,
                ProviderMessageId = outcome.ProviderMessageId,
                SentAt = time.GetUtcNow(),
            },
            FollowUpJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Test of template {TemplateId} sent for {Caller} (provider id {ProviderMessageId})")]
    private static partial void LogSent(ILogger logger, string templateId, string caller, string? providerMessageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Test of template {TemplateId} for {Caller} not taken by the provider: {Reason}")]
    private static partial void LogRefused(ILogger logger, string templateId, string caller, string? reason);
}
