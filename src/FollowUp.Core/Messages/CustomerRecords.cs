using Azure;
using Azure.Data.Tables;
using FollowUp.Customers;
using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// The owner of the Customers table: everything FollowUp knows about a customer — the profile (<c>{customer}|profile</c>),
/// each order's or deal's head (<c>{customer}|s|{o|d}|{id}</c>: events seen, snapshot, its messages, and for an order
/// the history as it left it) and a pointer row per message (<c>{customer}|m|{o|d}|{id}|{hash}</c>, for listing). A
/// customer's rows are in one of 16 partitions (by a hash of the customer), so that the events of a batch need a few
/// queries and transactions, not one each: what an event changes is written under the ETags it read, in one
/// transaction with the other events of its partition, and an event whose rows changed meanwhile is decided again.
/// </summary>
/// <remarks>
/// The same order id under two customers is two customers' rows, so they never share a message, a cancellation or a link.
/// Each event taken is kept too (<c>{customer}|e|...</c>, see <see cref="EventRow"/>) for replays: in the customer's
/// rows, so that it costs ingest no request and goes with the customer's erasure. Beside it, in the same transaction,
/// a row of the index of recent events (<c>^e|{type}|{ticks to the end of time}|...</c>, pointing at it): the newest of
/// a type are the first keys of that range in each partition, so reading the latest few never scans a partition.
/// </remarks>
public sealed class CustomerRecords(FollowUpTables tables)
{
    private const int Shards = 16;

    /// <summary>Row-key comparisons per query: Table Storage allows at most 15 in one filter, the partition's among them.</summary>
    private const int KeysPerQuery = 14;

    private TableClient Table => tables.Customers;

    /// <summary>The partition and row of a customer's profile.</summary>
    public static (string Partition, string Row) ProfileKey(string customerId) =>
        (PartitionOf(TableKey.Encode(customerId)), ProfileRow(TableKey.Encode(customerId)));

    public static string ProfileRow(string customerKey) => Prefix(customerKey) + CustomerEntity.ProfileRowKey;

    /// <summary>
    /// What a customer's row keys start with: the customer's key, or for a long one a hash of it (prefixed with '!',
    /// which an encoded key never holds), so that a row key of two ids (customer and order) stays within the 1 KiB
    /// (512 characters) Table Storage allows.
    /// </summary>
    private static string Prefix(string customerKey) =>
        (customerKey.Length <= 64 ? customerKey : "!" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(customerKey)).AsSpan(0, 20))) + "|";

    /// <summary>The partition and row of one order's or deal's head.</summary>
    public static (string Partition, string Row) HeadKey(string customerId, SubjectKind kind, string subjectId) =>
        (PartitionOf(TableKey.Encode(customerId)), HeadRow(TableKey.Encode(customerId), kind, subjectId));

    /// <summary>The rows each event needs (its profile and its order's or deal's head), a partition's in few queries.</summary>
    public async Task<IReadOnlyList<CustomerRecord>> ReadAsync(IReadOnlyList<FollowUpEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var wanted = events.Select(e =>
        {
            var customer = TableKey.Encode(e.Customer.Id);
            return (Customer: customer, Partition: PartitionOf(customer), Profile: ProfileRow(customer), Head: HeadRow(customer, e.SubjectKind, e.SubjectId));
        }).ToArray();

        var rows = new Dictionary<(string, string), TableEntity>();
        foreach (var partition in wanted.GroupBy(w => w.Partition, StringComparer.Ordinal))
        {
            var keys = partition.SelectMany(w => new[] { w.Profile, w.Head }).Distinct(StringComparer.Ordinal).ToList();
            foreach (var chunk in keys.Chunk(KeysPerQuery))
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key}") + " and (" + string.Join(" or ", chunk.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}"))) + ")";
                await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    rows[(row.PartitionKey, row.RowKey)] = row;
                }
            }
        }

        return [.. wanted.Select(w => new CustomerRecord(
            w.Customer,
            w.Partition,
            rows.TryGetValue((w.Partition, w.Profile), out var profile) ? CustomerEntity.From(profile) : null,
            rows.TryGetValue((w.Partition, w.Head), out var head) ? Head(head) : null))];
    }

    /// <summary>
    /// Writes what each event changed, under the ETags its read had, the changes of one partition in one transaction
    /// (or a few, within a transaction's limits). An event whose rows someone else changed first is taken out and the
    /// rest written without it.
    /// </summary>
    /// <returns>For each event: true when written, false when it must be read and decided again.</returns>
    public async Task<bool[]> TryCommitAsync(IReadOnlyList<CustomerChanges> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var written = new bool[changes.Count];
        var actions = changes.Select(Actions).ToArray();
        foreach (var partition in Enumerable.Range(0, changes.Count).Where(i => actions[i].Count > 0).GroupBy(i => changes[i].Read.Partition, StringComparer.Ordinal))
        {
            foreach (var chunk in Chunks(partition, actions))
            {
                var pending = chunk.ToList();
                while (pending.Count > 0)
                {
                    var submitted = pending.SelectMany(i => actions[i].Select(action => (Event: i, Action: action))).ToList();
                    try
                    {
                        await Table.SubmitTransactionAsync(submitted.Select(s => s.Action), cancellationToken).ConfigureAwait(false);
                        foreach (var i in pending)
                        {
                            written[i] = true;
                        }

                        break;
                    }
                    catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && ex.FailedTransactionActionIndex is { } at && at < submitted.Count)
                    {
                        pending.Remove(submitted[at].Event);
                    }
                }
            }
        }

        foreach (var i in Enumerable.Range(0, changes.Count).Where(i => actions[i].Count == 0))
        {
            written[i] = true;
        }

        return written;
    }

    /// <summary>Throws when one event's changes cannot go in one transaction (more than 100 rows).</summary>
    public static void CheckFits(CustomerChanges change) => Actions(change);

    /// <summary>The pointer row a new message of this event gets.</summary>
    public static MessagePointer PointerFor(FollowUpEvent @event, string messageId, string ruleId, IEnumerable<string> cancelOn)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(messageId);
        var customer = TableKey.Encode(@event.Customer.Id);
        return new MessagePointer
        {
            PartitionKey = PartitionOf(customer),
            RowKey = PointerPrefix(customer, @event.SubjectKind, @event.SubjectId) + MessageIds.HashOf(messageId),
            MessageId = messageId,
            RuleId = ruleId,
            CustomerId = @event.Customer.Id,
            SubjectKind = @event.SubjectKind.ToString(),
            SubjectId = @event.SubjectId,
            CancelOn = string.Join(',', cancelOn),
            EventTime = @event.Time,
        };
    }

    /// <summary>The head row an event on this order or deal writes, new when it has none yet.</summary>
    public static string HeadRow(string customerKey, SubjectKind kind, string subjectId) => Prefix(customerKey) + "s|" + Kind(kind) + "|" + TableKey.Encode(subjectId);

    public static string PartitionOf(string customerKey)
    {
        ArgumentNullException.ThrowIfNull(customerKey);

        // FNV-1a: stable across processes and versions, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in customerKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return "c" + (hash % Shards).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<TableTransactionAction> Actions(CustomerChanges change)
    {
        var actions = new List<TableTransactionAction>();
        var read = change.Read;
        if (change.Profile is { } profile)
        {
            actions.Add(read.Profile is null
                ? new TableTransactionAction(TableTransactionActionType.Add, profile)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, profile, read.Profile.ETag));
        }

        actions.AddRange(change.Pointers.Select(pointer => new TableTransactionAction(TableTransactionActionType.Add, pointer)));

        // Upserted: an event decided again, or taken again after a failure part-way, writes the same key.
        if (change.Event is { } stored)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, stored));
            if (RecentEntry(stored) is { } recent)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, recent));
            }
        }

        // The head goes with every write, unchanged or not: it is what serializes the events of one order or deal, so a
        // new message's pointer can never be written past a cancelling event that did not see it.
        if (actions.Count > 0 || change.Head is not null)
        {
            if (change.Head is null && read.Head is null)
            {
                throw new InvalidOperationException("An event that writes must write its order's or deal's head.");
            }

            var head = change.Head ?? read.Head!;
            actions.Add(read.Head is null
                ? new TableTransactionAction(TableTransactionActionType.Add, head)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, read.Head.ETag));
        }

        if (actions.Count > RowBatches.MaxRows)
        {
            throw new InvalidOperationException($"One event would change {actions.Count} rows of its customer; one transaction holds {RowBatches.MaxRows}.");
        }

        return actions;
    }

    /// <summary>Events whose actions fit one transaction: at most 100 rows and well under 4 MiB.</summary>
    private static IEnumerable<List<int>> Chunks(IEnumerable<int> events, List<TableTransactionAction>[] actions)
    {
        const long MaxBytes = 3L * 1024 * 1024;
        var chunk = new List<int>();
        var (rows, bytes) = (0, 0L);
        foreach (var i in events)
        {
            var size = actions[i].Sum(a => Estimate(a.Entity));
            if (chunk.Count > 0 && (rows + actions[i].Count > RowBatches.MaxRows || bytes + size > MaxBytes))
            {
                yield return chunk;
                chunk = [];
                (rows, bytes) = (0, 0L);
            }

            chunk.Add(i);
            rows += actions[i].Count;
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    // Text goes out as UTF-8 JSON: a character may take up to six bytes escaped.
    private static long Estimate(ITableEntity entity) => entity switch
    {
        SubjectHead head => 2048L + (6L * ((head.Snapshot?.Length ?? 0) + head.Seen.Length + head.Messages.Length)),
        EventRow stored => 2048L + (6L * (stored.Event.Length + stored.Outcome.Length + (stored.Before?.Length ?? 0))),
        _ => 4096L,
    };

    private static SubjectHead Head(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        ETag = row.ETag,
        Seen = row.GetString(nameof(SubjectHead.Seen)) ?? "{}",
        Snapshot = row.GetString(nameof(SubjectHead.Snapshot)),
        AsOf = row.GetDateTimeOffset(nameof(SubjectHead.AsOf)),
        Messages = row.GetString(nameof(SubjectHead.Messages)) ?? "[]",
        OrderCount = row.GetInt32(nameof(SubjectHead.OrderCount)),
        LifetimeSpend = row.GetString(nameof(SubjectHead.LifetimeSpend)),
        FirstOrderAt = row.GetDateTimeOffset(nameof(SubjectHead.FirstOrderAt)),
        LastOrderAt = row.GetDateTimeOffset(nameof(SubjectHead.LastOrderAt)),
    };

    /// <summary>The customer's profile, read now; null for a customer never seen.</summary>
    public async Task<CustomerEntity?> ProfileAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var (partition, row) = ProfileKey(customerId);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? CustomerEntity.From(found.Value!) : null;
    }

    /// <summary>Every row held about the customer: profile, heads (with their snapshots) and message pointers.</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var customerKey = TableKey.Encode(customerId);
        var prefix = Prefix(customerKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(customerKey)} and RowKey ge {prefix} and RowKey lt {After(prefix)}");
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Deletes every row held about the customer, and their events' entries in the index of recent events; returns how many rows there were.</summary>
    public async Task<int> EraseAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync(customerId, cancellationToken).ConfigureAwait(false);
        var recent = rows
            .Where(row => row.GetString(nameof(EventRow.Type)) is not null && row.RowKey.Contains("|e|", StringComparison.Ordinal))
            .Select(row => RecentKey(row.GetString(nameof(EventRow.Type))!, row.RowKey))
            .Select(key => new TableEntity(PartitionOf(TableKey.Encode(customerId)), key));
        await TableRows.DeleteAsync(Table, [.. rows, .. recent], cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>What the keys of the index of recent events start with: no customer's key starts with '^'.</summary>
    private const string RecentPrefix = "^e|";

    /// <summary>
    /// The key of an event's entry in the index of recent events: its type, then the ticks left to the end of time and
    /// the places left in its request (so the newest, and the last of a batch, sort first), then the event's hash, so
    /// that two events never share one.
    /// </summary>
    /// <remarks>The time is the event row key's own ticks: a time read back from storage may have lost some.</remarks>
    private static string RecentKey(string type, string eventRow)
    {
        var parts = eventRow.Split('|');
        var ticks = long.Parse(parts[^3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        var sequence = int.Parse(parts[^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RecentPrefix}{type}|{DateTimeOffset.MaxValue.UtcTicks - ticks:D19}|{9999 - sequence:D4}|{parts[^1]}");
    }

    private static long Inverted(DateTimeOffset at) => DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks;

    private static TableEntity? RecentEntry(EventRow stored) =>
        stored.Type is { } type
            ? new TableEntity(stored.PartitionKey, RecentKey(type, stored.RowKey)) { [nameof(EventRow)] = stored.RowKey }
            : null;

    /// <summary>
    /// The newest events taken since <paramref name="since"/>, of <paramref name="type"/> or of every type, newest
    /// first, at most <paramref name="limit"/>. Reads the first <paramref name="limit"/> entries of the index of recent
    /// events in each partition (and type), then those events: a few key-range queries whatever the number of events
    /// kept. Events kept before the index existed are not in it.
    /// </summary>
    public async Task<IReadOnlyList<EventRow>> RecentEventsAsync(string? type, int limit, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var types = type is null ? EventTypes.All : [type];
        var found = new System.Collections.Concurrent.ConcurrentBag<(string Order, string Partition, string Row)>();
        await Parallel.ForEachAsync(
            Partitions.SelectMany(partition => types.Select(t => (Partition: partition, Type: t))),
            new ParallelOptions { MaxDegreeOfParallelism = Shards, CancellationToken = cancellationToken },
            async (range, token) =>
            {
                var from = $"{RecentPrefix}{range.Type}|";
                var to = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{from}{Inverted(since) + 1:D19}");
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {range.Partition} and RowKey ge {from} and RowKey lt {to}");
                var taken = 0;
                await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, select: ["RowKey", nameof(EventRow)], cancellationToken: token).ConfigureAwait(false))
                {
                    // After the type, the key orders every partition's and type's entries alike: newest first.
                    if (row.GetString(nameof(EventRow)) is { } eventRow)
                    {
                        found.Add((row.RowKey[from.Length..], range.Partition, eventRow));
                    }

                    if (++taken >= limit)
                    {
                        break;
                    }
                }
            }).ConfigureAwait(false);

        var newest = found.OrderBy(entry => entry.Order, StringComparer.Ordinal).Take(limit).ToList();
        var rows = new Dictionary<(string, string), EventRow>();
        foreach (var partition in newest.GroupBy(entry => entry.Partition, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Select(entry => entry.Row).Chunk(KeysPerQuery))
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key}") + " and (" + string.Join(" or ", chunk.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}"))) + ")";
                await foreach (var row in Table.QueryAsync<EventRow>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    rows[(row.PartitionKey, row.RowKey)] = row;
                }
            }
        }

        // An entry whose event went meanwhile (pruned, or its customer erased) is left out.
        return [.. newest.Select(entry => rows.GetValueOrDefault((entry.Partition, entry.Row))).OfType<EventRow>()];
    }

    /// <summary>Every partition of the table, for reading what all customers hold.</summary>
    public static IReadOnlyList<string> Partitions { get; } = [.. Enumerable.Range(0, Shards).Select(n => "c" + n.ToString("x", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// The row of an event taken at <paramref name="receivedAt"/>, the <paramref name="sequence"/>th of its request:
    /// a customer's events sort in the order ingest took them, and the same event taken again keeps its key.
    /// </summary>
    public static (string Partition, string Row) EventKey(string customerId, DateTimeOffset receivedAt, int sequence, string source, string id)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        var customerKey = TableKey.Encode(customerId);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{source.Length}:{source}\n{id}")).AsSpan(0, 8));
        return (PartitionOf(customerKey), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix(customerKey)}e|{receivedAt.UtcTicks:D19}|{sequence:D4}|{hash}"));
    }

    /// <summary>
    /// The events of one partition taken in [<paramref name="from"/>, <paramref name="to"/>). Only event rows carry
    /// <c>ReceivedAt</c>, so the filter leaves the partition's other rows on the server; Table Storage still scans
    /// the partition for it (its keys start with the customer, not the time), which is the price of keeping the
    /// event in the customer's transaction and erasure.
    /// </summary>
    public IAsyncEnumerable<EventRow> EventsAsync(string partition, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Table.QueryAsync<EventRow>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ReceivedAt ge {from} and ReceivedAt lt {to}"), cancellationToken: cancellationToken);

    /// <summary>Deletes the events taken before <paramref name="before"/>, every partition's; returns how many.</summary>
    public async Task<int> PruneEventsAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var pruned = 0;
        foreach (var partition in Partitions)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ReceivedAt lt {before}");
            var rows = new List<TableEntity>();
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
                if (rows.Count == 1000)
                {
                    await TableRows.DeleteAsync(Table, rows, cancellationToken).ConfigureAwait(false);
                    pruned += rows.Count;
                    rows.Clear();
                }
            }

            await TableRows.DeleteAsync(Table, rows, cancellationToken).ConfigureAwait(false);
            pruned += rows.Count;

            // Their entries in the index of recent events: the end of each type's range, read by key.
            foreach (var type in EventTypes.All)
            {
                var from = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RecentPrefix}{type}|{Inverted(before) + 1:D19}");
                var recent = new List<TableEntity>();
                await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {RecentPrefix + type + "}"}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    recent.Add(row);
                }

                await TableRows.DeleteAsync(Table, recent, cancellationToken).ConfigureAwait(false);
            }
        }

        return pruned;
    }

    public Task<(IReadOnlyList<string> MessageIds, string? ContinuationToken)> ListMessagesAsync(string customerKey, int limit, string? continuationToken, CancellationToken cancellationToken = default) =>
        ListAsync(customerKey, Prefix(customerKey) + "m|", limit, continuationToken, cancellationToken);

    /// <summary>One page of the message ids of one customer's order or deal.</summary>
    public Task<(IReadOnlyList<string> MessageIds, string? ContinuationToken)> ListSubjectMessagesAsync(string customerKey, SubjectKind kind, string subjectId, int limit, string? continuationToken, CancellationToken cancellationToken = default) =>
        ListAsync(customerKey, PointerPrefix(customerKey, kind, subjectId), limit, continuationToken, cancellationToken);

    private async Task<(IReadOnlyList<string> MessageIds, string? ContinuationToken)> ListAsync(string customerKey, string prefix, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(customerKey)} and RowKey ge {prefix} and RowKey lt {After(prefix)}");
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, select: [nameof(MessagePointer.MessageId)], cancellationToken: cancellationToken).AsPages(continuationToken, limit).ConfigureAwait(false))
        {
            return (page.Values.Select(row => row.GetString(nameof(MessagePointer.MessageId)) ?? string.Empty).Where(id => id.Length > 0).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Encoded ids never contain '|' (nor '}'), so one id's prefix never runs into another's.</summary>
    private static string PointerPrefix(string customerKey, SubjectKind kind, string subjectId) => Prefix(customerKey) + "m|" + Kind(kind) + "|" + TableKey.Encode(subjectId) + "|";

    private static string Kind(SubjectKind kind) => kind == SubjectKind.Deal ? "d" : "o";

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> (which ends in '|').</summary>
    private static string After(string prefix) => prefix[..^1] + "}";
}
