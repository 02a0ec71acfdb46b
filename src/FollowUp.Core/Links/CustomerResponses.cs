using Azure;
using Azure.Data.Tables;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Telemetry;
using Microsoft.Extensions.Logging;

namespace FollowUp.Links;

/// <summary>
/// What customers do with their links: answer with one click, or unsubscribe. Both are idempotent, because mail
/// clients and link scanners open links more than once.
/// </summary>
public sealed partial class CustomerResponses(FollowUpTables tables, MessageLedger ledger, MessageScheduler scheduler, TimeProvider time, ILogger<CustomerResponses> logger)
{
    public async Task<(ResponseOutcome Outcome, MessageEntity? Message)> AnswerAsync(LinkToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var activity = FollowUpTelemetry.Source.StartActivity("record answer");
        activity?.SetTag(FollowUpTelemetry.MessageIdTag, token.MessageId);
        for (var attempt = 0; ; attempt++)
        {
            var message = await ledger.FindAsync(token.MessageId, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                return (ResponseOutcome.NotFound, null);
            }

            if (message.GetStatus() is not (MessageStatus.Sent or MessageStatus.Answered))
            {
                return (ResponseOutcome.NotSent, message);
            }

            if (message.Answer == token.Answer)
            {
                return (ResponseOutcome.AlreadyRecorded, message);
            }

            var now = time.GetUtcNow();
            var detail = message.Answer is null ? token.Answer : $"{token.Answer} (changed from {message.Answer})";
            message.Answer = token.Answer;
            message.AnsweredAt = now;
            message.Record(MessageStatus.Answered, new MessageEvent(now, MessageEventKind.Answered, detail));
            try
            {
                await tables.Messages.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                LogAnswered(logger, message.RowKey, message.RuleId, token.Answer);
                return (ResponseOutcome.Recorded, message);
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
            }
        }
    }

    /// <summary>
    /// Suppresses the message's address, notes it on the message, and cancels that customer's pending messages to
    /// the address. Pending messages elsewhere to the same address are cancelled by the dispatcher when they fall due.
    /// </summary>
    public async Task<(ResponseOutcome Outcome, MessageEntity? Message)> UnsubscribeAsync(LinkToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var activity = FollowUpTelemetry.Source.StartActivity("unsubscribe");
        activity?.SetTag(FollowUpTelemetry.MessageIdTag, token.MessageId);
        var message = await ledger.FindAsync(token.MessageId, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return (ResponseOutcome.NotFound, null);
        }

        var now = time.GetUtcNow();
        var key = Suppressions.Key(message.Email);
        try
        {
            await tables.Suppressions.AddEntityAsync(new TableEntity(key, string.Empty)
            {
                ["Reason"] = "one-click unsubscribe",
                ["MessageId"] = message.RowKey,
                ["At"] = now,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (ResponseOutcome.AlreadyRecorded, message);
        }

        await NoteAsync(message, now, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {message.PartitionKey} and Email eq {message.Email} and (Status eq {nameof(MessageStatus.Scheduled)} or Status eq {nameof(MessageStatus.Claimed)})");
        await foreach (var pending in tables.Messages.QueryAsync<MessageEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await scheduler.TryCancelAsync(message.PartitionKey, pending.RowKey, _ => true, "the address has unsubscribed", cancellationToken).ConfigureAwait(false);
        }

        LogUnsubscribed(logger, message.RowKey);
        return (ResponseOutcome.Recorded, message);
    }

    private async Task NoteAsync(MessageEntity message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            message.Record(message.GetStatus(), new MessageEvent(now, MessageEventKind.Unsubscribed, "one-click unsubscribe from this message"));
            try
            {
                await tables.Messages.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                message = (await tables.Messages.GetEntityAsync<MessageEntity>(message.PartitionKey, message.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} (rule {RuleId}) was answered: {Answer}")]
    private static partial void LogAnswered(ILogger logger, string messageId, string ruleId, string? answer);

    [LoggerMessage(Level = LogLevel.Information, Message = "The recipient of message {MessageId} unsubscribed")]
    private static partial void LogUnsubscribed(ILogger logger, string messageId);
}
