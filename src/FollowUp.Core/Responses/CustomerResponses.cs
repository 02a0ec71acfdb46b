using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUp.Responses;

/// <summary>
/// What customers do with their links: answer with one click, or unsubscribe. Both are idempotent, because mail
/// clients and link scanners open links more than once.
/// </summary>
public sealed partial class CustomerResponses(CustomerRecords customers, MessageLedger ledger, MessageLife life, Suppressions suppressions, IOptions<FollowUpOptions> options, TimeProvider time, ILogger<CustomerResponses> logger)
{
    /// <summary>The customer (or a scanner) opened an answer link: a click, never an answer.</summary>
    public async Task<(ResponseOutcome Outcome, MessageEntity? Message)> ClickAsync(LinkToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!MessageIds.IsWellFormed(token.MessageId) || token.Answer is null)
        {
            return (ResponseOutcome.NotFound, null);
        }

        return await life.ClickAsync(token.MessageId, token.Answer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer a person confirmed on the answer page, with what they wrote (bounded, one paragraph or a few).</summary>
    /// <param name="token">The answer link.</param>
    /// <param name="chosen">Another of the message's answers, chosen on the page; null for the link's own.</param>
    /// <param name="comment">What the customer wrote; empty to remove what they wrote before, null to keep it.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<(ResponseOutcome Outcome, MessageEntity? Message)> AnswerAsync(LinkToken token, string? chosen = null, string? comment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var activity = FollowUpTelemetry.Source.StartActivity("record answer");
        activity?.SetTag(FollowUpTelemetry.MessageIdTag, token.MessageId);
        if (!MessageIds.IsWellFormed(token.MessageId) || token.Answer is null)
        {
            return (ResponseOutcome.NotFound, null);
        }

        var answer = chosen ?? token.Answer;
        var (outcome, message) = await life.AnswerAsync(token.MessageId, answer, comment, offeredOnly: answer != token.Answer, cancellationToken).ConfigureAwait(false);
        if (outcome == ResponseOutcome.Recorded)
        {
            LogAnswered(logger, token.MessageId, message!.RuleId, answer);
        }

        return (outcome, message);
    }

    /// <summary>
    /// Suppresses the message's address for what the customer chose to stop, notes it on the message, and cancels that
    /// customer's pending messages to the address that it stops. Pending messages elsewhere to the same address are
    /// cancelled by the dispatcher when they fall due.
    /// </summary>
    /// <param name="token">The message's unsubscribe link.</param>
    /// <param name="chosen">
    /// What the customer chose on the page; null for a one-click unsubscribe without a choice, which stops the
    /// configured <see cref="FollowUpOptions.OneClickUnsubscribe"/> and at least the kind of message it came from.
    /// </param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <summary>What an unsubscribe without a choice from this message stops: the configured scope, and at least the message's own kind.</summary>
    public UnsubscribeScope OneClickScope(MessageEntity? message)
    {
        var covering = Suppressions.Covering(Enum.TryParse<MessageCategory>(message?.Category, out var own) ? own : MessageCategory.Feedback);
        return options.Value.OneClickUnsubscribe > covering ? options.Value.OneClickUnsubscribe : covering;
    }

    public async Task<(ResponseOutcome Outcome, MessageEntity? Message, UnsubscribeScope Scope)> UnsubscribeAsync(LinkToken token, UnsubscribeScope? chosen = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var activity = FollowUpTelemetry.Source.StartActivity("unsubscribe");
        activity?.SetTag(FollowUpTelemetry.MessageIdTag, token.MessageId);
        var message = await ledger.FindAsync(token.MessageId, cancellationToken).ConfigureAwait(false);

        // An erased customer's message has no address left to suppress (one unsubscribed before is kept as a hash).
        if (message is null || message.Erased == true || message.Email.Length == 0)
        {
            return (ResponseOutcome.NotFound, null, chosen ?? options.Value.OneClickUnsubscribe);
        }

        var scope = chosen ?? OneClickScope(message);
        var how = chosen is null ? "one-click unsubscribe" : "unsubscribe";
        var (added, stops) = await suppressions.AddAsync(message.Email, $"{how} from {Suppressions.Words(scope)}", message.RowKey, time.GetUtcNow(), scope, SuppressionSource.UnsubscribeLink, cancellationToken).ConfigureAwait(false);

        // What the address stops now, which an earlier, wider choice may make more than this one.
        scope = stops;
        if (added)
        {
            await life.NoteUnsubscribedAsync(message.RowKey, $"{how} from this message: {Suppressions.Words(scope)}", cancellationToken).ConfigureAwait(false);
        }

        // Done on every click, not only the first: a retry after a failure part-way must still finish the cancelling.
        // Only messages first due from a moment ago on are read — those a dispatcher may be about to send, and those
        // waiting for later. An older one still pending (a retry) is cancelled by the dispatcher, whose suppression
        // list has the address by then, so the cost of a click does not grow with the customer's whole history.
        var settledBefore = time.GetUtcNow() - TimeSpan.FromMinutes(2);
        var customerKey = TableKey.Encode(message.CustomerId);
        string? continuation = null;
        do
        {
            (var ids, continuation) = await customers.ListMessagesAsync(customerKey, 100, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var id in ids.Where(id => MessageIds.IsWellFormed(id) && MessageIds.MinuteOf(id) >= settledBefore))
            {
                await life.CancelAsync(
                    id,
                    m => string.Equals(m.Email, message.Email, StringComparison.OrdinalIgnoreCase) && Suppressions.Stops(scope, Enum.TryParse<MessageCategory>(m.Category, out var c) ? c : MessageCategory.Feedback),
                    $"the address has unsubscribed from {Suppressions.Words(scope)}",
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        while (continuation is not null);

        if (added)
        {
            LogUnsubscribed(logger, message.RowKey);
        }

        return (added ? ResponseOutcome.Recorded : ResponseOutcome.AlreadyRecorded, message, scope);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} (rule {RuleId}) was answered: {Answer}")]
    private static partial void LogAnswered(ILogger logger, string messageId, string ruleId, string? answer);

    [LoggerMessage(Level = LogLevel.Information, Message = "The recipient of message {MessageId} unsubscribed")]
    private static partial void LogUnsubscribed(ILogger logger, string messageId);
}
