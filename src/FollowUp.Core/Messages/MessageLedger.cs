using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// Reads messages for the results API. By customer is one partition; by order or deal goes through the index; by
/// status alone scans with a server-side filter, page by page.
/// </summary>
public sealed class MessageLedger(FollowUpTables tables)
{
    public async Task<MessageEntity?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var index = await tables.MessageIndex.GetEntityIfExistsAsync<TableEntity>(MessageIndexKeys.ById(messageId), string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!index.HasValue)
        {
            return null;
        }

        var message = await tables.Messages.GetEntityIfExistsAsync<MessageEntity>(index.Value!.GetString(MessageIndexKeys.CustomerKeyProperty), messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return message.HasValue ? message.Value : null;
    }

    public async Task<MessagePage> ListAsync(MessageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.CustomerId is null && (query.OrderId ?? query.DealId) is { } subjectId)
        {
            return await ListBySubjectAsync(query, query.OrderId is null ? SubjectKind.Deal : SubjectKind.Order, subjectId, cancellationToken).ConfigureAwait(false);
        }

        var filters = new List<string>();
        if (query.CustomerId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(query.CustomerId)}"));
        }

        AddSubjectAndStatus(query, filters);
        var pages = tables.Messages.QueryAsync<MessageEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), maxPerPage: query.Limit, cancellationToken: cancellationToken)
            .AsPages(query.ContinuationToken, query.Limit);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return new MessagePage(page.Values.Select(MessageView.From).ToList(), page.ContinuationToken);
        }

        return new MessagePage([], null);
    }

    private async Task<MessagePage> ListBySubjectAsync(MessageQuery query, SubjectKind kind, string subjectId, CancellationToken cancellationToken)
    {
        var subject = MessageIndexKeys.BySubject(kind, subjectId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subject} and RowKey ge {"m:"} and RowKey lt {"m;"}");
        var pages = tables.MessageIndex.QueryAsync<TableEntity>(filter, maxPerPage: query.Limit, cancellationToken: cancellationToken).AsPages(query.ContinuationToken, query.Limit);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var items = new List<MessageView>();
            foreach (var row in page.Values)
            {
                var message = await tables.Messages.GetEntityIfExistsAsync<MessageEntity>(row.GetString(MessageIndexKeys.CustomerKeyProperty), row.RowKey[2..], cancellationToken: cancellationToken).ConfigureAwait(false);
                if (message.HasValue
                    && (query.Status is null || message.Value!.GetStatus() == query.Status)
                    && (query.OrderId is null || query.DealId is null))
                {
                    items.Add(MessageView.From(message.Value!));
                }
            }

            return new MessagePage(items, page.ContinuationToken);
        }

        return new MessagePage([], null);
    }

    private static void AddSubjectAndStatus(MessageQuery query, List<string> filters)
    {
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
    }
}
