using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Reports;

/// <summary>
/// The owner of the Reports table: counters per month (the partition), day, rule and phase (the row,
/// <c>dd|rule|phase</c>). A count of one message's change is applied with a marker row (<c>~message|version</c>) in the
/// same transaction, so a count repeated after a crash finds its marker and changes nothing: each change is counted once.
/// </summary>
public sealed class ReportCounters(FollowUpTables tables, TimeProvider time)
{
    /// <summary>Markers are needed only until the message records its count, seconds later; a day is plenty.</summary>
    public static readonly TimeSpan MarkerLife = TimeSpan.FromDays(2);

    private const int MaxAttempts = 5;
    private const int MaxTransaction = 100;
    private const char MarkerStart = '~';

    private TableClient Table => tables.Reports;

    public static string PartitionOf(DateOnly day) => day.ToString("yyyyMM", CultureInfo.InvariantCulture);

    public static string RowOf(DateOnly day, string ruleId, string phase) =>
        $"{day.ToString("dd", CultureInfo.InvariantCulture)}|{ruleId}|{phase}";

    /// <summary>Applies one message's count, once; false when storage would not take it (it stays to be applied).</summary>
    public async Task<bool> ApplyAsync(string messageId, int version, IReadOnlyList<CounterDelta> deltas, CancellationToken cancellationToken = default) =>
        (await ApplyAsync([new MessageCount(messageId, version, deltas)], cancellationToken).ConfigureAwait(false)).Count == 0;

    /// <summary>
    /// Applies each message's count, once: the counts of many messages to one month go together in one transaction
    /// with a marker each, so counting costs a request per hundred or so messages, not several per message. A
    /// transaction refused (a marker there already, or a counter changed by another pass) is done again message by message.
    /// </summary>
    /// <returns>The messages whose count could not be applied (storage kept refusing it): their counts are not made.</returns>
    public async Task<IReadOnlySet<string>> ApplyAsync(IReadOnlyList<MessageCount> counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var months = counts
            .SelectMany(count => count.Deltas.GroupBy(d => PartitionOf(d.Day), StringComparer.Ordinal).Select(month => (Partition: month.Key, Marker: $"{MarkerStart}{count.MessageId}|{count.Version}", MessageId: count.MessageId, Deltas: month.ToList())))
            .GroupBy(item => item.Partition, StringComparer.Ordinal);
        foreach (var month in months)
        {
            var chunk = new List<(string Marker, string MessageId, List<CounterDelta> Deltas)>();
            var rows = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, marker, messageId, deltas) in month)
            {
                var needed = deltas.Select(RowOf).Where(row => !rows.Contains(row)).Distinct(StringComparer.Ordinal).Count();
                if (chunk.Count > 0 && rows.Count + needed + chunk.Count + 1 > MaxTransaction)
                {
                    await ApplyChunkAsync(month.Key, chunk, failed, cancellationToken).ConfigureAwait(false);
                    chunk = [];
                    rows.Clear();
                }

                chunk.Add((marker, messageId, deltas));
                rows.UnionWith(deltas.Select(RowOf));
            }

            if (chunk.Count > 0)
            {
                await ApplyChunkAsync(month.Key, chunk, failed, cancellationToken).ConfigureAwait(false);
            }
        }

        return failed;
    }

    private async Task ApplyChunkAsync(string partition, List<(string Marker, string MessageId, List<CounterDelta> Deltas)> chunk, HashSet<string> failed, CancellationToken cancellationToken)
    {
        if (chunk.Count > 1 && await TrySubmitAsync(partition, [.. chunk.SelectMany(c => c.Deltas)], chunk.Select(c => c.Marker), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        foreach (var (marker, messageId, deltas) in chunk)
        {
            if (!await ApplyMonthAsync(partition, marker, deltas, cancellationToken).ConfigureAwait(false))
            {
                failed.Add(messageId);
            }
        }
    }

    /// <summary>The counters changed and the markers added in one transaction; false when storage refused it as a whole.</summary>
    private async Task<bool> TrySubmitAsync(string partition, IReadOnlyList<CounterDelta> deltas, IEnumerable<string> markers, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var row in deltas.GroupBy(RowOf, StringComparer.Ordinal))
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
            var entity = found.HasValue ? found.Value! : new TableEntity(partition, row.Key);
            foreach (var counter in row.GroupBy(d => d.Counter, StringComparer.Ordinal))
            {
                entity[counter.Key] = (entity.GetInt64(counter.Key) ?? 0) + counter.Sum(d => d.By);
            }

            actions.Add(found.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, entity.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, entity));
        }

        var at = time.GetUtcNow();
        actions.AddRange(markers.Select(marker => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, marker) { ["At"] = at })));
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 400)
        {
            // 400: an entity over Table Storage's limits (more than 4,000 answers of a rule in a day).
            return false;
        }
    }

    /// <summary>One message's count to one month, unless its marker says it was made; false when storage kept refusing it.</summary>
    private async Task<bool> ApplyMonthAsync(string partition, string marker, IReadOnlyList<CounterDelta> deltas, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if ((await Table.GetEntityIfExistsAsync<TableEntity>(partition, marker, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
            {
                return true;
            }

            // Refused: another pass counted at the same time; read again (the marker may now be there).
            if (await TrySubmitAsync(partition, deltas, [marker], cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The row a counter is kept in: the day's row for the stages and scores, and for answers one of 16 rows beside it
    /// (by a hash of the answer), since a rule may offer hundreds of answers (<c>answer_url line.sku</c>) and a row
    /// holds 252 counters.
    /// </summary>
    public static string RowOf(CounterDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var row = RowOf(delta.Day, delta.RuleId, delta.Phase);
        return ReportCounterNames.AnswerOf(delta.Counter) is { } answer ? $"{row}|a{AnswerBucket(answer):x}" : row;
    }

    private static int AnswerBucket(string answer)
    {
        // FNV-1a: the same bucket in every process and version, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in answer)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % 16);
    }

    /// <summary>The counter rows of the days from <paramref name="from"/> to <paramref name="to"/>, a key-range read per month.</summary>
    public async IAsyncEnumerable<(DateOnly Day, string RuleId, string Phase, TableEntity Row)> ReadAsync(DateOnly from, DateOnly to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var partition = PartitionOf(month);
            var first = month < from ? from.ToString("dd", CultureInfo.InvariantCulture) : "00";
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey lt {MarkerStart.ToString()}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var parts = row.RowKey.Split('|');
                if (parts.Length is not (3 or 4) || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var dayOfMonth) || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(month.Year, month.Month))
                {
                    continue;
                }

                var day = new DateOnly(month.Year, month.Month, dayOfMonth);
                if (day >= from && day <= to)
                {
                    yield return (day, parts[1], parts[2], row);
                }
            }
        }
    }

    /// <summary>Deletes markers older than <see cref="MarkerLife"/>, of every month (a changed answer is counted on the day it was first given).</summary>
    public async Task PruneMarkersAsync(CancellationToken cancellationToken = default)
    {
        var old = time.GetUtcNow() - MarkerLife;
        var filter = TableClient.CreateQueryFilter($"RowKey ge {MarkerStart.ToString()} and At lt {old}");
        var doomed = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            doomed.Add(row);
        }

        await TableRows.DeleteAsync(Table, doomed, cancellationToken).ConfigureAwait(false);
    }
}
