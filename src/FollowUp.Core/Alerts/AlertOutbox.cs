using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Alerts;

/// <summary>
/// The owner of the Alerts table: one row per message with an alert to send, due a little after the answer (so that a
/// comment written on the thanks page goes in the same mail), claimed by one sender at a time (partition <c>alert</c>);
/// and the list of answers that needed a person, for people to work through and resolve: a row per message in the
/// month it was raised (<c>raised|yyyyMM</c>, newest first), found by the message through a pointer (<c>raised</c>),
/// so that a month's list is one key range and no message is read to show it.
/// </summary>
public sealed class AlertOutbox(FollowUpTables tables, IOptions<AlertOptions> options, TimeProvider time)
{
    private const string Partition = "alert";
    private const string PointerPartition = "raised";
    private const string ListPrefix = "raised|";

    private TableClient Table => tables.Alerts;

    /// <summary>Queues an alert about the message's answers up to <paramref name="through"/>; one already waiting is widened to it.</summary>
    public async Task EnqueueAsync(string messageId, int through, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await Table.AddEntityAsync(new TableEntity(Partition, messageId) { ["Through"] = through, ["NextAttemptAt"] = now + options.Value.Settle, ["Attempts"] = 0, ["InFlight"] = false, ["CreatedAt"] = now }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }

            var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue)
            {
                continue;
            }

            if ((found.Value!.GetInt32("Through") ?? -1) >= through)
            {
                return;
            }

            try
            {
                // Changing the row also tells a sender finishing the older alert that there is more to send.
                await Table.UpdateEntityAsync(new TableEntity(Partition, messageId) { ["Through"] = through }, found.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
            }
        }
    }

    /// <summary>Drops the message's waiting alert and its place on the alert list, if any (its customer was erased).</summary>
    public async Task ForgetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await DeleteIfThereAsync(Partition, messageId, cancellationToken).ConfigureAwait(false);
        var pointer = await Table.GetEntityIfExistsAsync<TableEntity>(PointerPartition, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (pointer.HasValue && pointer.Value!.GetString("ListPartition") is { } partition && pointer.Value.GetString("ListRow") is { } row)
        {
            await DeleteIfThereAsync(partition, row, cancellationToken).ConfigureAwait(false);
        }

        await DeleteIfThereAsync(PointerPartition, messageId, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteIfThereAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>
    /// Puts the message's answer on the alert list, open, once per answer (ledger index): a later answer or comment
    /// that needs a person again moves it to its own time and opens it again. Written before the pointer that finds it,
    /// so that a pass that stops half-way leaves nothing the next pass does not finish, and two passes at once end on
    /// the later answer.
    /// </summary>
    /// <param name="message">The message, as the change feed read it.</param>
    /// <param name="why">Why the answer needs a person (<see cref="AlertPolicy.Why"/>).</param>
    /// <param name="answerLabel">The answer in the words the mail gave it, if any.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task RaiseAsync(Messages.MessageEntity message, string why, string? answerLabel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(why);
        var index = message.AnsweredIndex;
        var at = message.AnsweredAt ?? time.GetUtcNow();
        var (partition, row) = (ListPartition(at), ListRow(at, message.RowKey));
        var written = false;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(PointerPartition, message.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var pointer = found.HasValue ? found.Value : null;
            var previous = (pointer?.GetString("ListPartition"), pointer?.GetString("ListRow"));
            if ((pointer?.GetInt32("Through") ?? -1) >= index)
            {
                // Another pass raised this answer, or a later one, first: only its entry stays.
                if (written && previous != (partition, row))
                {
                    await DeleteIfThereAsync(partition, row, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            var first = pointer?.GetDateTimeOffset("FirstRaisedAt") ?? at;
            await Table.UpsertEntityAsync(Entry(message, why, answerLabel, at, first), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            written = true;
            if (previous is ({ } oldPartition, { } oldRow) && previous != (partition, row))
            {
                await DeleteIfThereAsync(oldPartition, oldRow, cancellationToken).ConfigureAwait(false);
            }

            var next = new TableEntity(PointerPartition, message.RowKey) { ["ListPartition"] = partition, ["ListRow"] = row, ["Through"] = index, ["FirstRaisedAt"] = first };
            try
            {
                if (pointer is null)
                {
                    await Table.AddEntityAsync(next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Table.UpdateEntityAsync(next, pointer.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another pass moved it meanwhile: read where it is now.
            }
        }
    }

    /// <summary>The message's place on the alert list; null when its answers never needed a person.</summary>
    public async Task<RaisedAlert?> GetRaisedAsync(string messageId, CancellationToken cancellationToken = default) =>
        (await FindRaisedAsync(messageId, cancellationToken).ConfigureAwait(false))?.Alert;

    private async Task<(TableEntity Row, RaisedAlert Alert)?> FindRaisedAsync(string messageId, CancellationToken cancellationToken)
    {
        var pointer = await Table.GetEntityIfExistsAsync<TableEntity>(PointerPartition, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!pointer.HasValue || pointer.Value!.GetString("ListPartition") is not { } partition || pointer.Value.GetString("ListRow") is not { } row)
        {
            return null;
        }

        var entry = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entry.HasValue ? (entry.Value!, RaisedFrom(entry.Value!)) : null;
    }

    /// <summary>
    /// Marks the message's alert as dealt with, by <paramref name="by"/>, with an optional note. The first resolution
    /// stands; an alert a new answer raised again meanwhile is left open for a person to read again.
    /// </summary>
    public async Task<(AlertResolution Outcome, RaisedAlert? Alert)> ResolveAsync(string messageId, string by, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (await FindRaisedAsync(messageId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return (AlertResolution.NotFound, null);
        }

        if (found.Alert.Status == AlertStatus.Resolved)
        {
            return (AlertResolution.AlreadyResolved, found.Alert);
        }

        var now = time.GetUtcNow();
        var change = new TableEntity(found.Row.PartitionKey, found.Row.RowKey) { ["Status"] = nameof(AlertStatus.Resolved), ["ResolvedAt"] = now, ["ResolvedBy"] = by };
        if (note is not null)
        {
            change["Note"] = note;
        }

        try
        {
            await Table.UpdateEntityAsync(change, found.Row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return (AlertResolution.Changed, await GetRaisedAsync(messageId, cancellationToken).ConfigureAwait(false));
        }

        return (AlertResolution.Resolved, found.Alert with { Status = AlertStatus.Resolved, ResolvedAt = now, ResolvedBy = by, Note = note });
    }

    /// <summary>
    /// One page of the alerts raised from <paramref name="from"/> up to <paramref name="to"/>, newest first, of
    /// <paramref name="status"/> (or either): one key range per month, from where <paramref name="after"/> (the last
    /// page's end) left off.
    /// </summary>
    public async Task<(IReadOnlyList<RaisedAlert> Items, (string Month, string Row)? Next)> ListRaisedAsync(DateTimeOffset from, DateTimeOffset to, AlertStatus? status, int limit, (string Month, string Row)? after, CancellationToken cancellationToken = default)
    {
        var items = new List<RaisedAlert>();
        var newest = Inverted(to, 1);
        var oldest = Inverted(from, 0) + "}";
        for (var month = MonthOf(to); month >= MonthOf(from); month = month.AddMonths(-1))
        {
            var name = Month(month);
            if (after is { } resume && string.CompareOrdinal(name, resume.Month) > 0)
            {
                continue;
            }

            var start = after is { } same && same.Month == name
                ? TableClient.CreateQueryFilter($"RowKey gt {same.Row}")
                : TableClient.CreateQueryFilter($"RowKey ge {newest}");
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ListPrefix + name} and RowKey lt {oldest}") + " and " + start
                + (status is { } wanted ? " and " + TableClient.CreateQueryFilter($"Status eq {wanted.ToString()}") : string.Empty);
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, limit - items.Count + 1), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                items.Add(RaisedFrom(row));
                if (items.Count == limit)
                {
                    return (items, (name, row.RowKey));
                }
            }
        }

        return (items, null);
    }

    private static DateTimeOffset MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);

    private static string ListPartition(DateTimeOffset at) => ListPrefix + Month(at);

    /// <summary>Newest first: the ticks left to the end of time, then the message.</summary>
    private static string ListRow(DateTimeOffset at, string messageId) => Inverted(at, 0) + "|" + messageId;

    private static string Inverted(DateTimeOffset at, long plus) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks + plus).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static TableEntity Entry(Messages.MessageEntity message, string why, string? answerLabel, DateTimeOffset at, DateTimeOffset first)
    {
        var row = new TableEntity(ListPartition(at), ListRow(at, message.RowKey))
        {
            ["MessageId"] = message.RowKey,
            ["RuleId"] = message.RuleId,
            ["CustomerId"] = message.CustomerId,
            ["SubjectKind"] = message.SubjectKind,
            ["SubjectId"] = message.SubjectId,
            ["Answer"] = message.Answer,
            ["Why"] = why,
            ["AnsweredAt"] = at,
            ["FirstRaisedAt"] = first,
            ["Status"] = nameof(AlertStatus.Open),
        };
        if (answerLabel is not null)
        {
            row["AnswerLabel"] = answerLabel;
        }

        if (message.Score is { } score)
        {
            row["Score"] = score;
            row["ScoreScale"] = message.ScoreScale;
        }

        if (!string.IsNullOrWhiteSpace(message.Comment))
        {
            row["Comment"] = message.Comment;
        }

        return row;
    }

    private static RaisedAlert RaisedFrom(TableEntity row)
    {
        var deal = row.GetString("SubjectKind") == nameof(Events.SubjectKind.Deal);
        return new RaisedAlert
        {
            MessageId = row.GetString("MessageId") ?? string.Empty,
            RuleId = row.GetString("RuleId") ?? string.Empty,
            CustomerId = row.GetString("CustomerId") ?? string.Empty,
            OrderId = deal ? null : row.GetString("SubjectId"),
            DealId = deal ? row.GetString("SubjectId") : null,
            Answer = row.GetString("Answer"),
            AnswerLabel = row.GetString("AnswerLabel"),
            Score = row.GetInt32("Score"),
            ScoreScale = row.GetString("ScoreScale"),
            Comment = row.GetString("Comment"),
            Why = row.GetString("Why") ?? string.Empty,
            AnsweredAt = row.GetDateTimeOffset("AnsweredAt") ?? default,
            FirstRaisedAt = row.GetDateTimeOffset("FirstRaisedAt") ?? default,
            Status = Enum.TryParse<AlertStatus>(row.GetString("Status"), out var status) ? status : AlertStatus.Open,
            ResolvedAt = row.GetDateTimeOffset("ResolvedAt"),
            ResolvedBy = row.GetString("ResolvedBy"),
            Note = row.GetString("Note"),
        };
    }

    public async Task<IReadOnlyList<PendingAlert>> DueAsync(int max, CancellationToken cancellationToken = default)
    {
        var due = new List<PendingAlert>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and NextAttemptAt le {time.GetUtcNow()}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(From(row));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>Takes the alert for one attempt; null when another sender took it first.</summary>
    public async Task<PendingAlert?> ClaimAsync(PendingAlert alert, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            var response = await Table.UpdateEntityAsync(
                new TableEntity(Partition, alert.MessageId) { ["InFlight"] = true, ["NextAttemptAt"] = time.GetUtcNow() + lease, ["Attempts"] = alert.Attempts + 1 },
                alert.ETag,
                TableUpdateMode.Merge,
                cancellationToken).ConfigureAwait(false);
            return alert with { Attempts = alert.Attempts + 1, InFlight = true, ETag = response.Headers.ETag ?? alert.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Done with the alert's answers up to <paramref name="covered"/>: the row goes, unless an answer came in meanwhile,
    /// when it waits to go out again.
    /// </summary>
    public async Task CompleteAsync(PendingAlert alert, int covered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var etag = alert.ETag;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await Table.DeleteEntityAsync(Partition, alert.MessageId, etag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, alert.MessageId, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!found.HasValue)
                {
                    return;
                }

                if ((found.Value!.GetInt32("Through") ?? -1) <= covered)
                {
                    etag = found.Value.ETag;
                    continue;
                }

                await ReleaseAsync(alert.MessageId, time.GetUtcNow() + options.Value.Settle, found.Value.ETag, null, resetAttempts: true, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Not sent this time, and surely not sent: tried again at <paramref name="next"/>.</summary>
    public Task RetryAsync(PendingAlert alert, DateTimeOffset next, string failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return ReleaseAsync(alert.MessageId, next, alert.ETag, failure, resetAttempts: false, cancellationToken);
    }

    private async Task ReleaseAsync(string messageId, DateTimeOffset next, ETag etag, string? failure, bool resetAttempts, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, messageId) { ["InFlight"] = false, ["NextAttemptAt"] = next };
        if (failure is not null)
        {
            row["LastError"] = failure;
        }

        if (resetAttempts)
        {
            row["Attempts"] = 0;
        }

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await Table.UpdateEntityAsync(row, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Widened meanwhile by a newer answer: it is still this sender's, and surely not sent.
                var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, messageId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!found.HasValue)
                {
                    return;
                }

                etag = found.Value!.ETag;
            }
        }
    }

    private static PendingAlert From(TableEntity row) =>
        new(row.RowKey, row.GetInt32("Through") ?? -1, row.GetInt32("Attempts") ?? 0, row.GetBoolean("InFlight") ?? false, row.GetDateTimeOffset("CreatedAt") ?? default, row.ETag);
}
