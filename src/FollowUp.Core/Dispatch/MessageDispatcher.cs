using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Sending;
using FollowUp.Telemetry;
using FollowUp.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Dispatch;

/// <summary>
/// Sends what is due. Each message is claimed (<see cref="MessageLife.ClaimAsync"/>) before anything else happens,
/// so two dispatchers never both send it; a claim expires, so a dispatcher that dies mid-way loses nothing. Every
/// outcome — sent, retry with backoff, failed, cancelled — is recorded on the message with its reason, and a fault
/// while handling one message is recorded on that message: no message can stop a pass.
/// </summary>
public sealed partial class MessageDispatcher(
    MessageLife life,
    Suppressions suppressions,
    TemplateLibrary templates,
    TemplateRenderer renderer,
    LinkSigner links,
    IMailSender sender,
    IOptions<SendGridOptions> sendGrid,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<MessageDispatcher> logger)
{
    /// <summary>An hour of minute-long deferrals: long enough for any outage, short of keeping a broken row due forever.</summary>
    private const int MaxDeferrals = 60;

    private DispatchOptions Options => options.Value;

    private Backoff Backoff => new(Options.RetryBaseDelay, Options.MaxRetryDelay);

    /// <summary>Sends everything due now, page by page, until nothing due is left that this pass has not handled.</summary>
    public async Task<DispatchSummary> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var counts = new ConcurrentDictionary<DispatchOutcome, int>();
        var handled = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = await life.DueAsync(time.GetUtcNow(), Options.BatchSize, handled, cancellationToken).ConfigureAwait(false);
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
        var summary = new DispatchSummary(Count(DispatchOutcome.Sent), Count(DispatchOutcome.Retrying), Count(DispatchOutcome.Failed), Count(DispatchOutcome.Cancelled), Count(DispatchOutcome.Stale), Count(DispatchOutcome.Busy), Count(DispatchOutcome.Faulted), Count(DispatchOutcome.Deferred));
        if (summary.Total > 0)
        {
            LogPass(logger, summary.Sent, summary.Retrying, summary.Failed, summary.Cancelled, summary.Busy, summary.Faulted);
        }

        return summary;
    }

    /// <summary>
    /// For a dispatcher spread over several workers (the Functions timer): finds what is due, leases it for
    /// <see cref="DispatchOptions.HandOutLease"/> so that the next look does not hand it out again, and returns it in
    /// batches for <see cref="DispatchBatchAsync"/>. Work handed out and never done is handed out again after the lease.
    /// </summary>
    public Task<IReadOnlyList<DispatchBatch>> PlanAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("lands with the batched layout");

    /// <summary>Sends one batch that <see cref="PlanAsync"/> handed out; ids no longer due are skipped.</summary>
    public Task<DispatchSummary> DispatchBatchAsync(DispatchBatch batch, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("lands with the batched layout");

    /// <summary>When the earliest pending message falls due, or null when nothing is scheduled.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => life.NextDueAsync(cancellationToken);

    /// <summary>Handles one due entry; never throws but for cancellation.</summary>
    internal async Task<DispatchOutcome> ProcessAsync(ScheduleEntry entry, CancellationToken cancellationToken)
    {
        using var activity = FollowUpTelemetry.Source.StartActivity("dispatch message");
        activity?.SetTag(FollowUpTelemetry.MessageIdTag, entry.MessageId);
        var attempt = new Attempt(entry);
        DispatchOutcome outcome;
        try
        {
            outcome = await ClaimAndSendAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            outcome = await RecordFaultAsync(attempt, ex, cancellationToken).ConfigureAwait(false);
        }

        var name = outcome.ToString().ToLowerInvariant();
        activity?.SetTag(FollowUpTelemetry.RuleIdTag, attempt.Message?.RuleId);
        activity?.SetTag(FollowUpTelemetry.OutcomeTag, name);
        FollowUpTelemetry.MessagesDispatched.Add(1, new KeyValuePair<string, object?>(FollowUpTelemetry.OutcomeTag, name));
        return outcome;
    }

    private async Task<DispatchOutcome> ClaimAndSendAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var claim = await life.ClaimAsync(attempt.Entry, Options.ClaimDuration, Options.MaxAttempts, cancellationToken).ConfigureAwait(false);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Busy:
                return DispatchOutcome.Busy;
            case ClaimOutcome.Stale:
                return DispatchOutcome.Stale;
            case ClaimOutcome.Cancelled:
                return DispatchOutcome.Cancelled;
            case ClaimOutcome.GaveUp:
                LogGaveUp(logger, attempt.Entry.MessageId, claim.Message!.Attempts);
                return DispatchOutcome.Failed;
        }

        attempt.Message = claim.Message!;
        var message = attempt.Message;

        // Once claimed, the attempt runs to its end even if the host is stopping: a send cut off after the provider
        // accepted it, or a record cut off after the send, is how a mail goes out twice. A send is bounded by the
        // provider's timeout.
        cancellationToken = CancellationToken.None;
        if (await suppressions.IsSuppressedAsync(message.Email, cancellationToken).ConfigureAwait(false))
        {
            await life.SettleAsync(message, attempt.Entry, MessageStatus.Cancelled, "the address has unsubscribed", cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Cancelled;
        }

        var template = await templates.GetForSendingAsync(message.TemplateId, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            await life.SettleAsync(message, attempt.Entry, MessageStatus.Failed, $"template '{message.TemplateId}' does not exist", cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Failed;
        }

        var model = MessageScheduler.ParseModel(message);
        RenderedContent content;
        try
        {
            content = renderer.Render(template, new RenderRequest(message.RowKey, message.Locale, model, message.CouponCode, message.RuleId));
        }
        catch (TemplateRenderException ex)
        {
            var reason = "render failed: " + Scrub(ex.Message, message, model);
            LogRenderFailed(logger, message.RowKey, reason);
            await life.SettleAsync(message, attempt.Entry, MessageStatus.Failed, reason, cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Failed;
        }

        // A lost-sale survey is signed by the deal's owner, so replies go to them rather than to a no-reply inbox.
        var owner = message.GetSubjectKind() == Events.SubjectKind.Deal ? (model["deal"] as JsonObject)?["owner"] as JsonObject : null;
        var mail = new OutgoingMail(
            message.RowKey,
            message.RuleId,
            message.Email,
            Text(model["customer"], "name"),
            content.Subject,
            content.Html,
            content.Text,
            links.UnsubscribeUrl(message.RowKey),
            Text(owner, "email"),
            Text(owner, "name"));
        // A claim that could run out while the provider is still answering would let another dispatcher send too:
        // leave it to expire instead (the next attempt counts it).
        var longestSend = sendGrid.Value.IsConfigured ? TimeSpan.FromSeconds(sendGrid.Value.TimeoutSeconds) : TimeSpan.Zero;
        if (time.GetUtcNow() + longestSend >= message.ClaimedUntil)
        {
            LogClaimTooShort(logger, message.RowKey);
            return DispatchOutcome.Busy;
        }

        var outcome = await sender.SendAsync(mail, cancellationToken).ConfigureAwait(false);
        if (outcome.Result == SendResult.Accepted)
        {
            // From here on the mail is out: nothing may turn this into a retry.
            attempt.Accepted = true;
            await life.MarkSentAsync(message, attempt.Entry, outcome.ProviderMessageId, content.Locale, content.Subject, cancellationToken).ConfigureAwait(false);
            FollowUpTelemetry.DueToSent.Record((time.GetUtcNow() - message.DueAt).TotalSeconds, new KeyValuePair<string, object?>(FollowUpTelemetry.RuleIdTag, message.RuleId));
            LogSent(logger, message.RowKey, message.RuleId, message.Attempts);
            return DispatchOutcome.Sent;
        }

        var why = Scrub(outcome.Reason ?? "refused by the provider", message, model);
        if (outcome.Result == SendResult.Transient && message.Attempts < Options.MaxAttempts)
        {
            var dueAt = ScheduleEntry.Truncate(time.GetUtcNow() + Backoff.For(message.RowKey, message.Attempts, outcome.RetryAfter));
            await life.RetryLaterAsync(message, attempt.Entry, why, dueAt, cancellationToken).ConfigureAwait(false);
            LogRetrying(logger, message.RowKey, message.Attempts, why, dueAt);
            return DispatchOutcome.Retrying;
        }

        var final = outcome.Result == SendResult.Transient ? $"gave up after {message.Attempts} attempts; last: {why}" : why;
        LogSendFailed(logger, message.RowKey, message.Attempts, final);
        await life.SettleAsync(message, attempt.Entry, MessageStatus.Failed, final, cancellationToken).ConfigureAwait(false);
        return DispatchOutcome.Failed;
    }

    /// <summary>
    /// Something unexpected happened while handling one message. If this dispatcher holds its claim and the mail did
    /// not go out, the fault is recorded on the message like a failed attempt (retried, or failed with the reason when
    /// attempts are used up). If that cannot be recorded either, the message stays due and its claim expires.
    /// </summary>
    private async Task<DispatchOutcome> RecordFaultAsync(Attempt attempt, Exception fault, CancellationToken cancellationToken)
    {
        var message = attempt.Message;
        var reason = SafeReason(fault, message);
        LogFault(logger, attempt.Entry.MessageId, reason);
        if (attempt.Accepted)
        {
            return DispatchOutcome.Sent;
        }

        try
        {
            if (message is null && attempt.Entry.Deferrals >= MaxDeferrals)
            {
                await life.RemoveEntryAsync(attempt.Entry, cancellationToken).ConfigureAwait(false);
                LogAbandoned(logger, attempt.Entry.MessageId, MaxDeferrals);
                return DispatchOutcome.Faulted;
            }

            if (message is null)
            {
                await life.DeferEntryAsync(attempt.Entry, ScheduleEntry.Truncate(time.GetUtcNow() + TimeSpan.FromMinutes(1)), cancellationToken).ConfigureAwait(false);
                return DispatchOutcome.Deferred;
            }

            if (message.Attempts < Options.MaxAttempts)
            {
                var dueAt = ScheduleEntry.Truncate(time.GetUtcNow() + Backoff.For(message.RowKey, message.Attempts));
                await life.RetryLaterAsync(message, attempt.Entry, reason, dueAt, cancellationToken).ConfigureAwait(false);
                return DispatchOutcome.Retrying;
            }

            await life.SettleAsync(message, attempt.Entry, MessageStatus.Failed, $"gave up after {message.Attempts} attempts; last: {reason}", cancellationToken).ConfigureAwait(false);
            return DispatchOutcome.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFault(logger, attempt.Entry.MessageId, $"and recording it failed too ({ex.GetType().Name}); the claim will expire");
            return DispatchOutcome.Faulted;
        }
    }

    private static string SafeReason(Exception fault, MessageEntity? message)
    {
        try
        {
            return Scrub($"internal error ({fault.GetType().Name}): {fault.Message}", message, message is null ? null : MessageScheduler.ParseModel(message));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return $"internal error ({fault.GetType().Name})";
        }
    }

    /// <summary>Error texts may quote any value of the model: every name and address of the customer and the deal's owner is masked.</summary>
    private static string Scrub(string text, MessageEntity? message, JsonObject? model)
    {
        var personal = new List<string?> { message?.Email };
        foreach (var holder in new[] { model?["customer"] as JsonObject, (model?["deal"] as JsonObject)?["owner"] as JsonObject })
        {
            foreach (var (_, value) in holder ?? [])
            {
                if (value is JsonValue leaf && leaf.TryGetValue<string>(out var textValue))
                {
                    personal.Add(textValue);
                }
            }
        }

        return Redaction.Scrub(text, personal.ToArray());
    }

    private static string? Text(JsonNode? parent, string name) =>
        parent is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>What one dispatch of one entry has got to, so that a fault can be recorded correctly.</summary>
    private sealed class Attempt(ScheduleEntry entry)
    {
        public ScheduleEntry Entry { get; } = entry;

        public MessageEntity? Message { get; set; }

        public bool Accepted { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch pass: {Sent} sent, {Retrying} to retry, {Failed} failed, {Cancelled} cancelled, {Busy} held by another dispatcher, {Faulted} faulted")]
    private static partial void LogPass(ILogger logger, int sent, int retrying, int failed, int cancelled, int busy, int faulted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent message {MessageId} (rule {RuleId}) on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, string messageId, string ruleId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of message {MessageId} failed: {Reason}; next attempt at {DueAt}")]
    private static partial void LogRetrying(ILogger logger, string messageId, int attempt, string? reason, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} failed after {Attempts} attempts: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string messageId, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} could not be rendered: {Reason}")]
    private static partial void LogRenderFailed(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId}: the claim of attempt {Attempts} expired unfinished and no attempts are left; failed as outcome unknown")]
    private static partial void LogGaveUp(ILogger logger, string messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: too little of its claim is left to wait for the provider; left for the claim to expire")]
    private static partial void LogClaimTooShort(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Message {MessageId} could not be read in {Deferrals} tries a minute apart; its schedule entry was removed and the row is left for a person to look at")]
    private static partial void LogAbandoned(ILogger logger, string messageId, int deferrals);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId}: {Reason}")]
    private static partial void LogFault(ILogger logger, string messageId, string reason);
}
