using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace FollowUp.Sending;

/// <summary>
/// Sends through SendGrid's v3 mail-send API with the official client. The message id rides along as a custom arg
/// (so delivery webhooks can find the message), and RFC 8058 one-click unsubscribe headers are always set.
/// </summary>
public sealed class SendGridMailSender(HttpClient httpClient, IOptions<SendGridOptions> options) : IMailSender
{
    public const string MessageIdArg = "followup_message_id";

    /// <summary>The custom arg of an alert mail: the message it is about, under another name than a customer's mail's.</summary>
    public const string AlertForArg = "followup_alert_for";

    /// <summary>The custom arg of a template's test mail: its own id, under a name the Event Webhook never reads.</summary>
    public const string TestSendArg = "followup_test_send";

    private readonly SendGridClient _client = new(httpClient, new SendGridClientOptions
    {
        ApiKey = options.Value.ApiKey,
        Host = options.Value.BaseUrl,
    });

    public string Description => $"sending with SendGrid ({new Uri(options.Value.BaseUrl).Host})";

    public async Task<SendOutcome> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = MailHelper.CreateSingleEmail(
            Address(options.Value.FromEmail, options.Value.FromName),
            Address(mail.ToEmail, mail.ToName),
            MailHeaders.Clean(mail.Subject),
            mail.Text,
            mail.Html);
        if (mail.ReplyToEmail is not null)
        {
            message.SetReplyTo(Address(mail.ReplyToEmail, mail.ReplyToName));
        }

        if (mail.IsAlert)
        {
            message.AddCustomArg(AlertForArg, mail.MessageId);
            message.AddCategory("followup-alert");
        }
        else if (mail.IsTest)
        {
            // Unsubscribe headers as the real mail has them (their link is a preview's, which unsubscribes no one).
            message.AddCustomArg(TestSendArg, mail.MessageId);
            message.AddCategory("followup-test");
            message.AddHeader("List-Unsubscribe", $"<{mail.UnsubscribeUrl}>");
            message.AddHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        else
        {
            message.AddCustomArg(MessageIdArg, mail.MessageId);
            message.AddCategory("followup");
            message.AddCategory(mail.RuleId);
            message.AddHeader("List-Unsubscribe", $"<{mail.UnsubscribeUrl}>");
            message.AddHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        Response response;
        try
        {
            response = await _client.SendEmailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return SendOutcome.Transient($"SendGrid could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Transient($"SendGrid did not answer within {options.Value.TimeoutSeconds} seconds");
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
            return SendOutcome.Accepted(id);
        }

        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var reason = $"SendGrid answered {status} {response.StatusCode}{(body.Length > 0 ? ": " + body : string.Empty)}";

        // 401/403 are a key problem an operator can fix; retrying keeps the messages alive until then.
        return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || status >= 500
            ? SendOutcome.Transient(reason, RetryAfter(response))
            : SendOutcome.Permanent(reason);
    }

    // Names go as JSON data, only cleaned, never quoted: SendGrid's old advice to quote names holding "," or ";" predates
    // a 2020 fix on its side for names with special characters, after which the client libraries that quoted them
    // dropped it, because recipients saw the quotes (sendgrid-php#1006, sendgrid-python#994).
    private static EmailAddress Address(string email, string? name) =>
        new(email, MailHeaders.Clean(name) is { Length: > 0 } clean ? clean : null);

    // SendGrid sends Retry-After in seconds; an HTTP-date form falls back to the dispatcher's own backoff.
    private static TimeSpan? RetryAfter(Response response) => response.Headers.RetryAfter?.Delta;

    private static async Task<string> ReadBodyAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.Body is null)
        {
            return string.Empty;
        }

        var text = await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length > 500 ? text[..500] : text;
    }
}
