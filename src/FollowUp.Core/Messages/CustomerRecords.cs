using Azure;
using Azure.Data.Tables;
using FollowUp.Customers;
using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// The owner of the Customers table: everything FollowUp knows about one customer, in that customer's partition — the
/// profile (<c>profile</c>), the orders counted (<c>order|{order}</c>), each order's or deal's head
/// (<c>s|{o|d}|{id}</c>) and its messages (<c>m|{o|d}|{id}|{hash}</c>). What one event changes there is read in one
/// query and written in one entity-group transaction, under the ETags it read: a concurrent event on the same
/// customer makes the write fail, and the event is decided again on what is there now.
/// </summary>
/// <remarks>
/// The same order id under two customers is two customers' rows, so they never share a message, a cancellation or a link.
/// </remarks>
public sealed class CustomerRecords(FollowUpTables tables)
{
    private const string MessagePrefix = "m|";

    private TableClient Table => tables.Customers;

    public static string HeadRow(SubjectKind kind, string subjectId) => "s|" + Kind(kind) + "|" + TableKey.Encode(subjectId);

    /// <summary>The rows <paramref name="event"/> needs, in one query.</summary>
    public async Task<CustomerRecord> ReadAsync(FollowUpEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var partition = TableKey.Encode(@event.Customer.Id);
        var head = HeadRow(@event.SubjectKind, @event.SubjectId);
        var pointers = PointerPrefix(@event.SubjectKind, @event.SubjectId);
        var order = @event.Type == EventTypes.OrderPlaced && @event.Order is { } placed ? CustomerEntity.OrderRowKey(placed.Id) : CustomerEntity.ProfileRowKey;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey eq {CustomerEntity.ProfileRowKey} or RowKey eq {head} or RowKey eq {order} or (RowKey ge {pointers} and RowKey lt {After(pointers)}))");

        CustomerEntity? profile = null;
        TableEntity? orderRow = null;
        SubjectHead? subjectHead = null;
        var messages = new List<MessagePointer>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == CustomerEntity.ProfileRowKey)
            {
                profile = CustomerEntity.From(row);
            }
            else if (row.RowKey == head)
            {
                subjectHead = new SubjectHead
                {
                    PartitionKey = row.PartitionKey,
                    RowKey = row.RowKey,
                    ETag = row.ETag,
                    Seen = row.GetString(nameof(SubjectHead.Seen)) ?? "{}",
                    Snapshot = row.GetString(nameof(SubjectHead.Snapshot)),
                    AsOf = row.GetDateTimeOffset(nameof(SubjectHead.AsOf)),
                };
            }
            else if (row.RowKey == order)
            {
                orderRow = row;
            }
            else if (row.RowKey.StartsWith(pointers, StringComparison.Ordinal))
            {
                messages.Add(Pointer(row));
            }
        }

        return new CustomerRecord(partition, profile, orderRow, subjectHead, messages);
    }

    /// <summary>
    /// Writes what an event changed, in one transaction, under the ETags <paramref name="read"/> had.
    /// </summary>
    /// <returns>False when another event changed the customer's rows first: read again and decide again.</returns>
    public async Task<bool> TryCommitAsync(CustomerRecord read, CustomerEntity? profile, TableEntity? orderRow, SubjectHead? head, IReadOnlyList<MessagePointer> pointers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(pointers);
        var actions = new List<TableTransactionAction>();
        if (orderRow is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, orderRow));
        }

        if (profile is not null)
        {
            actions.Add(read.Profile is null
                ? new TableTransactionAction(TableTransactionActionType.Add, profile)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, profile, read.Profile.ETag));
        }

        actions.AddRange(pointers.Select(pointer => new TableTransactionAction(TableTransactionActionType.Add, pointer)));
        if (actions.Count == 0 && head is null)
        {
            return true;
        }

        // The head goes with every write, unchanged or not: it is what serializes the events of one order or deal, so a
        // new message's pointer can never be written past a cancelling event that did not see it.
        if (head is not null || read.Head is not null)
        {
            var written = head ?? read.Head!;
            actions.Add(read.Head is null
                ? new TableTransactionAction(TableTransactionActionType.Add, written)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, written, read.Head.ETag));
        }

        if (actions.Count > RowBatches.MaxRows)
        {
            throw new InvalidOperationException($"One event would change {actions.Count} rows of its customer; one transaction holds {RowBatches.MaxRows}.");
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>One page of a customer's message ids, grouped by order or deal.</summary>
    public Task<(IReadOnlyList<string> MessageIds, string? ContinuationToken)> ListMessagesAsync(string customerKey, int limit, string? continuationToken, CancellationToken cancellationToken = default) =>
        ListAsync(customerKey, MessagePrefix, limit, continuationToken, cancellationToken);

    /// <summary>One page of the message ids of one customer's order or deal.</summary>
    public Task<(IReadOnlyList<string> MessageIds, string? ContinuationToken)> ListSubjectMessagesAsync(string customerKey, SubjectKind kind, string subjectId, int limit, string? continuationToken, CancellationToken cancellationToken = default) =>
        ListAsync(customerKey, PointerPrefix(kind, subjectId), limit, continuationToken, cancellationToken);

    /// <summary>The pointer row a new message of this event gets.</summary>
    public static MessagePointer PointerFor(FollowUpEvent @event, string messageId, string ruleId, IEnumerable<string> cancelOn)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(messageId);
        return new MessagePointer
        {
            PartitionKey = TableKey.Encode(@event.Customer.Id),
            RowKey = PointerPrefix(@event.SubjectKind, @event.SubjectId) + MessageIds.HashOf(messageId),
            MessageId = messageId,
            RuleId = ruleId,
            CustomerId = @event.Customer.Id,
            SubjectKind = @event.SubjectKind.ToString(),
            SubjectId = @event.SubjectId,
            CancelOn = string.Join(',', cancelOn),
            EventTime = @event.Time,
        };
    }

    private async Task<(IReadOnlyList<string> MessageIds, string? ContinuationToken)> ListAsync(string customerKey, string prefix, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customerKey} and RowKey ge {prefix} and RowKey lt {After(prefix)}");
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, select: [nameof(MessagePointer.MessageId)], cancellationToken: cancellationToken).AsPages(continuationToken, limit).ConfigureAwait(false))
        {
            return (page.Values.Select(row => row.GetString(nameof(MessagePointer.MessageId)) ?? string.Empty).Where(id => id.Length > 0).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    private static MessagePointer Pointer(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        ETag = row.ETag,
        MessageId = row.GetString(nameof(MessagePointer.MessageId)) ?? string.Empty,
        RuleId = row.GetString(nameof(MessagePointer.RuleId)) ?? string.Empty,
        CustomerId = row.GetString(nameof(MessagePointer.CustomerId)) ?? string.Empty,
        SubjectKind = row.GetString(nameof(MessagePointer.SubjectKind)) ?? string.Empty,
        SubjectId = row.GetString(nameof(MessagePointer.SubjectId)) ?? string.Empty,
        CancelOn = row.GetString(nameof(MessagePointer.CancelOn)) ?? string.Empty,
        EventTime = row.GetDateTimeOffset(nameof(MessagePointer.EventTime)),
    };

    /// <summary>Encoded ids never contain '|' (nor '}'), so one id's prefix never runs into another's.</summary>
    private static string PointerPrefix(SubjectKind kind, string subjectId) => MessagePrefix + Kind(kind) + "|" + TableKey.Encode(subjectId) + "|";

    private static string Kind(SubjectKind kind) => kind == SubjectKind.Deal ? "d" : "o";

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> (which ends in '|').</summary>
    private static string After(string prefix) => prefix[..^1] + "}";
}
