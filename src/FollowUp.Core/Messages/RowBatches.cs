using Azure;
using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// Writes message rows in as few requests as Table Storage allows: one entity-group transaction per partition and up to
/// 100 rows (fewer when the rows are large, to stay under the 4 MiB a transaction may carry). A transaction is all or
/// nothing, so a row that conflicts (changed meanwhile, or already there) is taken out and the rest submitted again.
/// </summary>
internal static class RowBatches
{
    public const int MaxRows = 100;

    /// <summary>The result of a row not written because another row of its transaction conflicted (see <c>stopOnConflict</c>).</summary>
    public static readonly Exception NotTried = new InvalidOperationException("Not written: another row of its transaction conflicted.");

    // Text goes out as UTF-8 JSON: a character may take up to six bytes escaped; most rows are a few kilobytes.
    private const long MaxBytes = 3L * 1024 * 1024;

    /// <summary>Replaces each row under its ETag; the result per row is null when written (its ETag is updated), else why not.</summary>
    /// <returns>For each row, in order: null, or the failure (a <see cref="RequestFailedException"/> of 412 or 404 when the row changed or went).</returns>
    /// <param name="table">The table.</param>
    /// <param name="rows">The rows, each with the ETag it was read with.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <param name="stopOnConflict">
    /// On a conflict, leave the transaction's other rows <see cref="NotTried"/> instead of submitting them again: for a
    /// caller that would rather read them again in one query than learn row by row that someone else had them all.
    /// </param>
    public static Task<Exception?[]> ReplaceAsync(TableClient table, IReadOnlyList<MessageEntity> rows, CancellationToken cancellationToken, bool stopOnConflict = false) =>
        WriteAsync(table, rows, add: false, stopOnConflict, cancellationToken);

    /// <summary>Adds each row; the result per row is null when added, else why not (409 when it was there already).</summary>
    public static Task<Exception?[]> AddAsync(TableClient table, IReadOnlyList<MessageEntity> rows, CancellationToken cancellationToken) =>
        WriteAsync(table, rows, add: true, stopOnConflict: false, cancellationToken);

    public static bool IsConflict(Exception? failure) => failure is RequestFailedException { Status: 404 or 409 or 412 };

    private static async Task<Exception?[]> WriteAsync(TableClient table, IReadOnlyList<MessageEntity> rows, bool add, bool stopOnConflict, CancellationToken cancellationToken)
    {
        var results = new Exception?[rows.Count];
        foreach (var chunk in Chunks(rows))
        {
            await WriteChunkAsync(table, rows, chunk, add, stopOnConflict, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private static IEnumerable<List<int>> Chunks(IReadOnlyList<MessageEntity> rows)
    {
        foreach (var partition in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].PartitionKey, StringComparer.Ordinal))
        {
            var chunk = new List<int>();
            long bytes = 0;
            foreach (var i in partition)
            {
                var size = Estimate(rows[i]);
                if (chunk.Count > 0 && (chunk.Count == MaxRows || bytes + size > MaxBytes))
                {
                    yield return chunk;
                    chunk = [];
                    bytes = 0;
                }

                chunk.Add(i);
                bytes += size;
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }
        }
    }

    private static long Estimate(MessageEntity row) =>
        4096L + (6L * ((long)row.Model.Length + row.History.Length + (row.Subject?.Length ?? 0) + (row.Reason?.Length ?? 0) + row.Email.Length));

    private static async Task WriteChunkAsync(TableClient table, IReadOnlyList<MessageEntity> rows, List<int> chunk, bool add, bool stopOnConflict, Exception?[] results, CancellationToken cancellationToken)
    {
        while (chunk.Count > 0)
        {
            try
            {
                if (chunk.Count == 1)
                {
                    var row = rows[chunk[0]];
                    var response = add
                        ? await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false)
                        : await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    row.ETag = response.Headers.ETag ?? row.ETag;
                }
                else
                {
                    var actions = chunk.Select(i => add
                        ? new TableTransactionAction(TableTransactionActionType.Add, rows[i])
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, rows[i], rows[i].ETag)).ToList();
                    var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    for (var n = 0; n < chunk.Count; n++)
                    {
                        rows[chunk[n]].ETag = response.Value[n].Headers.ETag ?? rows[chunk[n]].ETag;
                    }
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } failed && failed < chunk.Count && ex.Status is 404 or 409 or 412)
            {
                results[chunk[failed]] = ex;
                chunk.RemoveAt(failed);
                if (stopOnConflict)
                {
                    foreach (var i in chunk)
                    {
                        results[i] = NotTried;
                    }

                    return;
                }
            }
            catch (RequestFailedException ex) when (chunk.Count == 1 && ex.Status is 404 or 409 or 412)
            {
                results[chunk[0]] = ex;
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                foreach (var i in chunk)
                {
                    results[i] = ex;
                }

                return;
            }
        }
    }
}
