using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// Reads messages for the results API. By message id is one read (the id says where the row is); by customer, order
/// or deal goes through the index; otherwise a server-side filter, page by page.
/// </summary>
public sealed class MessageLedger(FollowUpTables tables, CustomerRecords customers, MessageLife life)
{
    public async Task<MessageEntity?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        return await life.GetAsync(messageId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MessagePage> ListAsync(MessageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.CustomerId is { } customerId && (query.OrderId ?? query.DealId) is { } subjectId)
        {
            var (rows, continuation) = await customers.ListSubjectMessagesAsync(TableKey.Encode(customerId), query.OrderId is null ? SubjectKind.Deal : SubjectKind.Order, subjectId, query.Limit, query.ContinuationToken, cancellationToken).ConfigureAwait(false);
            return await ReadAsync(rows, query, continuation, cancellationToken).ConfigureAwait(false);
        }

        if (query.CustomerId is { } customer)
        {
            var (ids, next) = await customers.ListMessagesAsync(TableKey.Encode(customer), query.Limit, query.ContinuationToken, cancellationToken).ConfigureAwait(false);
            return await ReadAsync(ids, query, next, cancellationToken).ConfigureAwait(false);
        }

        var filters = new List<string>();

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

    /// <summary>Reads the listed messages side by side (each is one point read), keeping the index's order.</summary>
    private async Task<MessagePage> ReadAsync(IEnumerable<string> ids, MessageQuery query, string? continuation, CancellationToken cancellationToken)
    {
        var messages = await Task.WhenAll(ids.Select(id => life.GetAsync(id, cancellationToken))).ConfigureAwait(false);
        var items = messages
            .Where(message => message is not null && (query.Status is null || message.GetStatus() == query.Status))
            .Select(message => MessageView.From(message!))
            .ToList();
        return new MessagePage(items, continuation);
    }
}
