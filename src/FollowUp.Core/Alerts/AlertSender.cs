using System.Text.Json.Nodes;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Alerts;

/// <summary>
/// Sends the alerts that are due: to the deal's owner for a deal, else to the rule's <c>alerts.to</c>, else to
/// <c>FollowUp:Alerts:To</c>. Each is recorded on its message (a ledger entry, and the webhook event <c>alert</c>),
/// and an answer is never alerted twice: the message remembers the last answer alerted, and an alert whose sender
/// stopped while sending it is not sent again but noted as possibly sent.
/// </summary>
public sealed partial class AlertSender(
    AlertOutbox outbox,
    MessageLife life,
    RuleBook rules,
    IMailSender mail,
    IOptions<AlertOptions> options,
    IOptions<FollowUpOptions> followUp,
    TimeProvider time,
    ILogger<AlertSender> logger)
{
    private const int MaxAttempts = 5;
    private const int BatchSize = 50;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private int _running;

    /// <summary>Sends what is due; returns how many alerts went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return 0;
        }

        try
        {
            var sent = 0;
            foreach (var due in await outbox.DueAsync(BatchSize, cancellationToken).ConfigureAwait(false))
            {
                sent += await SendAsync(due, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            return sent;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task<bool> SendAsync(PendingAlert due, CancellationToken cancellationToken)
    {
        var wasInFlight = due.InFlight;
        if (await outbox.ClaimAsync(due, Lease, cancellationToken).ConfigureAwait(false) is not { } alert)
        {
            return false;
        }

        var message = await life.GetAsync(alert.MessageId, cancellationToken).ConfigureAwait(false);
        if (message is null || message.Erased == true)
        {
            await outbox.CompleteAsync(alert, int.MaxValue, cancellationToken).ConfigureAwait(false);
            return false;
        }

        // The answers it covers: every one recorded so far (a comment written since the answer goes in the same mail).
        var through = Math.Max(alert.Through, message.AnsweredIndex);
        if (message.AlertedThrough >= through)
        {
            await outbox.CompleteAsync(alert, through, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (wasInFlight)
        {
            // A sender stopped while sending this one: it may have gone out, so it is not sent again.
            await RecordAsync(alert, through, "an alert may have gone out, or not: the sender stopped while sending it; not sent again", cancellationToken).ConfigureAwait(false);
            return false;
        }

        var rule = await rules.GetAsync(message.RuleId, cancellationToken).ConfigureAwait(false);
        if (!options.Value.Enabled || AlertPolicy.Why(message, rule) is not { } why)
        {
            // Changed since to an answer that needs nobody (or alerts are off): nothing to send.
            await outbox.CompleteAsync(alert, through, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var model = JsonNode.Parse(message.Model) as JsonObject ?? [];
        var to = AlertMail.DealOwnerOf(model) ?? rule?.Alerts?.To ?? options.Value.To;
        if (string.IsNullOrEmpty(to))
        {
            await RecordAsync(alert, through, $"no alert sent for {why}: no address (the deal has no owner's address, and neither the rule's alerts.to nor FollowUp:Alerts:To is set)", cancellationToken).ConfigureAwait(false);
            return false;
        }

        var (subject, html, text) = AlertMail.Compose(message, model, why, LinkTo(message.RowKey));
        var outcome = await mail.SendAsync(new OutgoingMail(message.RowKey, message.RuleId, to, null, subject, html, text, string.Empty) { IsAlert = true }, cancellationToken).ConfigureAwait(false);
        switch (outcome.Result)
        {
            case SendResult.Accepted:
                await RecordAsync(alert, through, $"alert sent to {to}: {why}", cancellationToken).ConfigureAwait(false);
                LogSent(logger, message.RowKey, message.RuleId);
                return true;
            case SendResult.Transient when alert.Attempts < MaxAttempts:
                var wait = outcome.RetryAfter ?? TimeSpan.FromMinutes(Math.Pow(2, alert.Attempts));
                await outbox.RetryAsync(alert, time.GetUtcNow() + wait, outcome.Reason ?? "not accepted", cancellationToken).ConfigureAwait(false);
                return false;
            default:
                await RecordAsync(alert, through, $"no alert sent to {to} for {why}: {outcome.Reason}", cancellationToken).ConfigureAwait(false);
                LogFailed(logger, message.RowKey, outcome.Reason);
                return false;
        }
    }

    private async Task RecordAsync(PendingAlert alert, int through, string detail, CancellationToken cancellationToken)
    {
        await life.RecordAlertAsync(alert.MessageId, through, detail, cancellationToken).ConfigureAwait(false);
        await outbox.CompleteAsync(alert, through, cancellationToken).ConfigureAwait(false);
    }

    private string LinkTo(string messageId) =>
        options.Value.MessageUrl is { Length: > 0 } template
            ? template.Replace("{id}", Uri.EscapeDataString(messageId), StringComparison.Ordinal)
            : $"{followUp.Value.PublicBaseUrl.TrimEnd('/')}/api/messages/{Uri.EscapeDataString(messageId)}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert about message {MessageId} (rule {RuleId}) sent")]
    private static partial void LogSent(ILogger logger, string messageId, string ruleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert about message {MessageId} not sent: {Reason}")]
    private static partial void LogFailed(ILogger logger, string messageId, string? reason);
}
