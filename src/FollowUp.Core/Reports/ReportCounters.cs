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

    /// <summary>Applies one message's count, once.</summary>
    public Task ApplyAsync(string messageId, int version, IReadOnlyList<CounterDelta> deltas, CancellationToken cancellationToken = default) =>
        ApplyAsync([new MessageCount(messageId, version, deltas)], cancellationToken);

    /// <summary>
    /// Applies each message's count, once: the counts of many messages to one month go together in one transaction
    /// with a marker each, so counting costs a request per hundred or so messages, not several per message. A
    /// transaction refused (a marker there already, or a counter changed by another pass) is done again message by message.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<MessageCount> counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var months = counts
            .SelectMany(count => count.Deltas.GroupBy(d => PartitionOf(d.Day), StringComparer.Ordinal).Select(month => (Partition: month.Key, Marker: $"{MarkerStart}{count.MessageId}|{count.Version}", Deltas: month.ToList())))
            .GroupBy(item => item.Partition, StringComparer.Ordinal);
        foreach (var month in months)
        {
            var chunk = new List<(string Marker, List<CounterDelta> Deltas)>();
            var rows = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, marker, deltas) in month)
            {
                var needed = deltas.Select(d => RowOf(d.Day, d.RuleId, d.Phase)).Where(row => !rows.Contains(row)).Distinct(StringComparer.Ordinal).Count();
                if (chunk.Count > 0 && rows.Count + needed + chunk.Count + 1 > MaxTransaction)
                {
                    await ApplyChunkAsync(month.Key, chunk, cancellationToken).ConfigureAwait(false);
                    chunk = [];
                    rows.Clear();
                }

                chunk.Add((marker, deltas));
                rows.UnionWith(deltas.Select(d => RowOf(d.Day, d.RuleId, d.Phase)));
            }

            if (chunk.Count > 0)
            {
                await ApplyChunkAsync(month.Key, chunk, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyChunkAsync(string partition, List<(string Marker, List<CounterDelta> Deltas)> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count > 1 && await TrySubmitAsync(partition, [.. chunk.SelectMany(c => c.Deltas)], chunk.Select(c => c.Marker), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        foreach (var (marker, deltas) in chunk)
        {
            await ApplyMonthAsync(partition, marker, deltas, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The counters changed and the markers added in one transaction; false when storage refused it as a whole.</summary>
    private async Task<bool> TrySubmitAsync(string partition, IReadOnlyList<CounterDelta> deltas, IEnumerable<string> markers, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var row in deltas.GroupBy(d => RowOf(d.Day, d.RuleId, d.Phase), StringComparer.Ordinal))
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
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>One message's count to one month, unless its marker says it was made.</summary>
    private async Task ApplyMonthAsync(string partition, string marker, IReadOnlyList<CounterDelta> deltas, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if ((await Table.GetEntityIfExistsAsync<TableEntity>(partition, marker, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
            {
                return;
            }

            // Another pass counted at the same time: read again (the marker may now be there).
            if (await TrySubmitAsync(partition, deltas, [marker], cancellationToken).ConfigureAwait(false) || attempt >= MaxAttempts)
            {
                return;
            }
        }
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
                if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var dayOfMonth) || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(month.Year, month.Month))
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

    /// <summary>Deletes markers older than <see cref="MarkerLife"/> in the current and the previous month.</summary>
    public async Task PruneMarkersAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var partition in new[] { PartitionOf(today.AddMonths(-1)), PartitionOf(today) }.Distinct(StringComparer.Ordinal))
        {
            var old = now - MarkerLife;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {MarkerStart.ToString()} and Timestamp lt {old}");
            var doomed = new List<TableEntity>();
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                doomed.Add(row);
            }

            foreach (var chunk in doomed.Chunk(100))
            {
                try
                {
                    await Table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException)
                {
                    // Some other pass deleted one of them first: the rest go next time.
                }
            }
        }
    }
}
