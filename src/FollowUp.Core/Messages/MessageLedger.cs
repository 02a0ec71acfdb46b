using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// Reads messages for the results API. By customer is one partition (with an order or deal, one index partition);
/// by message id goes through the index; otherwise a server-side filter, page by page.
/// </summary>
public sealed class MessageLedger(FollowUpTables tables, SubjectIndex index, MessageLife life)
{
    public async Task<MessageEntity?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        if (!MessageIds.IsWellFormed(messageId))
        {
            return null;
        }

        var customerKey = await index.CustomerKeyOfAsync(messageId, cancellationToken).ConfigureAwait(false);
        return customerKey is null ? null : await life.GetAsync(customerKey, messageId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MessagePage> ListAsync(MessageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.CustomerId is { } customerId && (query.OrderId ?? query.DealId) is { } subjectId)
        {
            return await ListBySubjectAsync(query, SubjectIndex.PartitionFor(query.OrderId is null ? SubjectKind.Deal : SubjectKind.Order, customerId, subjectId), cancellationToken).ConfigureAwait(false);
        }

        var filters = new List<string>();
        if (query.CustomerId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(query.CustomerId)}"));
        }

        if (query.OrderId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"SubjectKind eq {nameof(SubjectKind.Order)} and SubjectId eq {query.OrderId}"));
        }

        if (query.DealId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"SubjectKind eq {nameof(SubjectKind.Deal)} and SubjectId eq {query.DealId}"));
        }

        if (query.Status is { } status)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }

        var pages = tables.Messages.QueryAsync<MessageEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), maxPerPage: query.Limit, cancellationToken: cancellationToken)
            .AsPages(query.ContinuationToken, query.Limit);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return new MessagePage(page.Values.Select(MessageView.From).ToList(), page.ContinuationToken);
        }

        return new MessagePage([], null);
    }

    private async Task<MessagePage> ListBySubjectAsync(MessageQuery query, string partition, CancellationToken cancellationToken)
    {
        var (rows, continuation) = await index.ListMessagesAsync(partition, query.Limit, query.ContinuationToken, cancellationToken).ConfigureAwait(false);
        var items = new List<MessageView>();
        foreach (var (messageId, customerKey) in rows)
        {
            var message = await life.GetAsync(customerKey, messageId, cancellationToken).ConfigureAwait(false);
            if (message is not null && (query.Status is null || message.GetStatus() == query.Status))
            {
                items.Add(MessageView.From(message));
            }
        }

        return new MessagePage(items, continuation);
    }
}
