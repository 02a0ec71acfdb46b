using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Sending;
using FollowUp.Storage;
using FollowUp.Telemetry;
using FollowUp.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Dispatch;

/// <summary>
/// Sends what is due. Each message is claimed by an ETag-conditional update before anything else happens, so two
/// dispatchers never both send it; a claim expires, so a dispatcher that dies mid-way loses nothing. Every outcome
/// (sent, retry with backoff, failed, cancelled) is written to the message with its reason.
/// </summary>
public sealed partial class MessageDispatcher(
    FollowUpTables tables,
    TemplateLibrary templates,
    TemplateRenderer renderer,
    LinkSigner links,
    IMailSender sender,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<MessageDispatcher> logger)
{
    private DispatchOptions Options => options.Value;

    /// <summary>Sends everything due now, page by page, until nothing due is left that this pass has not handled.</summary>
    public async Task<DispatchSummary> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var counts = new ConcurrentDictionary<DispatchOutcome, int>();
        var handled = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var now = time.GetUtcNow();
            var batch = new List<ScheduleEntry>(Options.BatchSize);
            await foreach (var entry in tables.Schedule.QueryAsync<ScheduleEntry>(ScheduleEntry.DueFilter(now), maxPerPage: Options.BatchSize, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (handled.Add(entry.PartitionKey + "/" + entry.RowKey))
                {
                    batch.Add(entry);
                }

                if (batch.Count >= Options.BatchSize)
                {
                    break;
                }
            }

            if (batch.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken },
                async (entry, token) =>
                {
                    var outcome = await ProcessAsync(entry, token).ConfigureAwait(false);
                    counts.AddOrUpdate(outcome, 1, (_, count) => count + 1);
                }).ConfigureAwait(false);
        }

        int Count(DispatchOutcome outcome) => counts.GetValueOrDefault(outcome);
        var summary = new DispatchSummary(Count(DispatchOutcome.Sent), Count(DispatchOutcome.Retrying), Count(DispatchOutcome.Failed), Count(DispatchOutcome.Cancelled), Count(DispatchOutcome.Stale), Count(DispatchOutcome.Busy));
        if (summary.Total > 0)
        {
            LogPass(logger, summary.Sent, summary.Retrying, summary.Failed, summary.Cancelled, summary.Busy);
        }

        return summary;
    }

    /// <summary>When the earliest pending message falls due, or null when nothing is scheduled.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var entry in tables.Schedule.QueryAsync<ScheduleEntry>(maxPerPage: 1, select: ["DueAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return entry.DueAt;
        }

        return null;
    }

    internal async Task<DispatchOutcome> ProcessAsync(ScheduleEntry entry, CancellationToken cancellationToken)
    {
        using var activity = FollowUpTelemetry.Source.StartActivity("dispatch message");
        activity?.SetTag(FollowUpTelemetry.MessageIdTag, entry.MessageId);
        var (message, refusal) = await TryClaimAsync(entry, cancellationToken).ConfigureAwait(false);
        var outcome = message is null ? refusal : await SendClaimedAsync(entry, message, cancellationToken).ConfigureAwait(false);
        var name = outcome.ToString().ToLowerInvariant();
        activity?.SetTag(FollowUpTelemetry.RuleIdTag, message?.RuleId);
        activity?.SetTag(FollowUpTelemetry.OutcomeTag, name);
        FollowUpTelemetry.MessagesDispatched.Add(1, new KeyValuePair<string, object?>(FollowUpTelemetry.OutcomeTag, name));
        return outcome;
    }

    /// <summary>
    /// Claims the entry's message for this dispatcher, or says why not (removing the entry when it is stale).
    /// A claim is the message row updated to Claimed under its ETag: of two dispatchers, exactly one succeeds.
    /// </summary>
    internal async Task<(MessageEntity? Message, DispatchOutcome Refusal)> TryClaimAsync(ScheduleEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var found = await tables.Messages.GetEntityIfExistsAsync<MessageEntity>(entry.CustomerKey, entry.MessageId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (!found.HasValue || found.Value!.DueAt != entry.DueAt || found.Value.GetStatus() is not (MessageStatus.Scheduled or MessageStatus.Claimed))
        {
            await RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
            return (null, DispatchOutcome.Stale);
        }

        var message = found.Value;
        if (message.GetStatus() == MessageStatus.Claimed && message.ClaimedUntil > now)
        {
            return (null, DispatchOutcome.Busy);
        }

        var reclaimed = message.GetStatus() == MessageStatus.Claimed;
        message.Attempts++;
        message.ClaimedUntil = now + Options.ClaimDuration;
        message.Record(MessageStatus.Claimed, new MessageEvent(now, MessageEventKind.Claimed, reclaimed
            ? $"attempt {message.Attempts}, after an earlier claim expired unfinished"
            : $"attempt {message.Attempts}"));
        try
        {
            var response = await tables.Messages.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            message.ETag = response.Headers.ETag ?? message.ETag;
            return (message, DispatchOutcome.Sent);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return (null, DispatchOutcome.Busy);
        }
    }

    private async Task<DispatchOutcome> SendClaimedAsync(ScheduleEntry entry, MessageEntity message, CancellationToken cancellationToken)
    {
        if (await Suppressions.IsSuppressedAsync(tables, message.Email, cancellationToken).ConfigureAwait(false))
        {
            return await SettleAsync(entry, message, MessageStatus.Cancelled, MessageEventKind.Cancelled, "the address has unsubscribed", cancellationToken).ConfigureAwait(false);
        }

        var template = await templates.GetForSendingAsync(message.TemplateId, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            return await SettleAsync(entry, message, MessageStatus.Failed, MessageEventKind.Failed, $"template '{message.TemplateId}' does not exist", cancellationToken).ConfigureAwait(false);
        }

        var model = MessageScheduler.ParseModel(message);
        RenderedContent content;
        try
        {
            content = renderer.Render(template, new RenderRequest(message.RowKey, message.Locale, model, message.CouponCode, message.RuleId));
        }
        catch (TemplateRenderException ex)
        {
            LogRenderFailed(logger, message.RowKey, ex.Message);
            return await SettleAsync(entry, message, MessageStatus.Failed, MessageEventKind.Failed, "render failed: " + ex.Message, cancellationToken).ConfigureAwait(false);
        }

        // A lost-sale survey is signed by the deal's owner, so replies go to them rather than to a no-reply inbox.
        var owner = model["deal"]?["owner"];
        var mail = new OutgoingMail(
            message.RowKey,
            message.RuleId,
            message.Email,
            model["customer"]?["name"]?.GetValue<string>(),
            content.Subject,
            content.Html,
            content.Text,
            links.UnsubscribeUrl(message.RowKey),
            owner?["email"]?.GetValue<string>(),
            owner?["name"]?.GetValue<string>());
        var outcome = await sender.SendAsync(mail, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        switch (outcome.Result)
        {
            case SendResult.Accepted:
                await UpdateAsync(message, m =>
                {
                    m.SentAt = now;
                    m.ProviderMessageId = outcome.ProviderMessageId;
                    m.RenderedLocale = content.Locale;
                    m.Subject = content.Subject;
                    m.ClaimedUntil = null;
                    m.Reason = null;
                    m.Record(MessageStatus.Sent, new MessageEvent(now, MessageEventKind.Sent, $"attempt {m.Attempts}, provider id {outcome.ProviderMessageId}, locale {content.Locale}"));
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                await RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
                FollowUpTelemetry.DueToSent.Record((now - message.DueAt).TotalSeconds, new KeyValuePair<string, object?>(FollowUpTelemetry.RuleIdTag, message.RuleId));
                LogSent(logger, message.RowKey, message.RuleId, message.Attempts);
                return DispatchOutcome.Sent;

            case SendResult.Transient when message.Attempts < Options.MaxAttempts:
                return await RetryLaterAsync(entry, message, outcome, now, cancellationToken).ConfigureAwait(false);

            default:
                LogSendFailed(logger, message.RowKey, message.Attempts, outcome.Reason);
                var reason = outcome.Result == SendResult.Transient
                    ? $"gave up after {message.Attempts} attempts; last: {outcome.Reason}"
                    : outcome.Reason ?? "refused by the provider";
                return await SettleAsync(entry, message, MessageStatus.Failed, MessageEventKind.Failed, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DispatchOutcome> RetryLaterAsync(ScheduleEntry entry, MessageEntity message, SendOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wait = Backoff(message.RowKey, message.Attempts, outcome.RetryAfter);
        var dueAt = ScheduleEntry.Truncate(now + wait);

        // The new entry goes in before the message points at it, and the old one goes last: a crash anywhere leaves an entry to find.
        await tables.Schedule.UpsertEntityAsync(ScheduleEntry.Create(message.RowKey, message.PartitionKey, dueAt), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await UpdateAsync(message, m =>
        {
            m.DueAt = dueAt;
            m.ClaimedUntil = null;
            m.Reason = outcome.Reason;
            m.Record(MessageStatus.Scheduled, new MessageEvent(now, MessageEventKind.AttemptFailed, $"attempt {m.Attempts}: {outcome.Reason}; next attempt at {dueAt:O}"));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
        LogRetrying(logger, message.RowKey, message.Attempts, outcome.Reason, dueAt);
        return DispatchOutcome.Retrying;
    }

    private async Task<DispatchOutcome> SettleAsync(ScheduleEntry entry, MessageEntity message, MessageStatus status, MessageEventKind kind, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await UpdateAsync(message, m =>
        {
            m.ClaimedUntil = null;
            m.Reason = reason;
            m.Record(status, new MessageEvent(now, kind, reason));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
        return status == MessageStatus.Cancelled ? DispatchOutcome.Cancelled : DispatchOutcome.Failed;
    }

    /// <summary>
    /// Writes what happened to a claimed message. If the row changed under us (our claim expired and was taken), the
    /// change is applied to the fresh row: what happened at the provider happened, and the ledger must say so.
    /// </summary>
    private async Task UpdateAsync(MessageEntity message, Func<MessageEntity, bool> apply, CancellationToken cancellationToken)
    {
        var current = message;
        for (var attempt = 0; ; attempt++)
        {
            if (!apply(current))
            {
                return;
            }

            try
            {
                await tables.Messages.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                current = (await tables.Messages.GetEntityAsync<MessageEntity>(message.PartitionKey, message.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            }
        }
    }

    private async Task RemoveAsync(ScheduleEntry entry, CancellationToken cancellationToken) =>
        await tables.Schedule.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Exponential backoff from <see cref="DispatchOptions.RetryBaseDelay"/>, never shorter than the provider's
    /// Retry-After, spread by up to a fifth by the message id (not by chance) so that retries after an outage do not
    /// arrive all at once, and the same message always waits the same.
    /// </summary>
    internal TimeSpan Backoff(string messageId, int attempt, TimeSpan? retryAfter)
    {
        var exponential = Options.RetryBaseDelay * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = exponential > Options.MaxRetryDelay ? Options.MaxRetryDelay : exponential;
        var spread = SHA256.HashData(Encoding.UTF8.GetBytes(messageId))[0] / 255d / 5d;
        var wait = capped * (1 + spread);
        return retryAfter is { } minimum && minimum > wait ? minimum : wait;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch pass: {Sent} sent, {Retrying} to retry, {Failed} failed, {Cancelled} cancelled, {Busy} held by another dispatcher")]
    private static partial void LogPass(ILogger logger, int sent, int retrying, int failed, int cancelled, int busy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent message {MessageId} (rule {RuleId}) on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, string messageId, string ruleId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of message {MessageId} failed: {Reason}; next attempt at {DueAt}")]
    private static partial void LogRetrying(ILogger logger, string messageId, int attempt, string? reason, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} failed after {Attempts} attempts: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string messageId, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} could not be rendered: {Reason}")]
    private static partial void LogRenderFailed(ILogger logger, string messageId, string reason);
}
