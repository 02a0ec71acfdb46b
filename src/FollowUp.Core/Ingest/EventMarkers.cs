using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Ingest;

/// <summary>
/// The owner of the Events table: one marker per (source, id) taken, holding what the event did, so that a sender's
/// retry is answered with the first result. Markers of one source share a partition, so a batch's markers are read
/// a few per query and written in one transaction.
/// </summary>
internal sealed class EventMarkers(FollowUpTables tables)
{
    /// <summary>Row-key comparisons per query: Table Storage allows at most 15 in one filter.</summary>
    private const int PerQuery = 14;

    public static (string Partition, string Row) KeyOf(string source, string id) => (TableKey.Encode(source), TableKey.Encode(id));

    /// <summary>The stored results of those of <paramref name="keys"/> that were taken before.</summary>
    public async Task<Dictionary<(string Partition, string Row), IngestResult>> FindAsync(IEnumerable<(string Partition, string Row)> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), IngestResult>();
        foreach (var source in keys.Distinct().GroupBy(key => key.Partition, StringComparer.Ordinal))
        {
            foreach (var chunk in source.Chunk(PerQuery))
            {
                // One marker is a point read, which never touches another row, where a query may read the partition.
                if (chunk.Length == 1)
                {
                    var single = await tables.Events.GetEntityIfExistsAsync<TableEntity>(chunk[0].Partition, chunk[0].Row, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (single.HasValue)
                    {
                        found[chunk[0]] = Stored(single.Value!);
                    }

                    continue;
                }

                var rows = string.Join(" or ", chunk.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key.Row}")));
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {source.Key}") + " and (" + rows + ")";
                await foreach (var marker in tables.Events.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    found[(marker.PartitionKey, marker.RowKey)] = Stored(marker);
                }
            }
        }

        return found;
    }

    /// <summary>Writes the markers of events fully taken, a source's together; returns those someone else wrote first (a concurrent copy).</summary>
    /// <returns>For each marker, in order: null when written, the earlier result when another copy finished first, or the failure.</returns>
    public async Task<(IngestResult? Earlier, Exception? Failure)[]> AddAsync(IReadOnlyList<(string Partition, string Row, IngestResult Result, DateTimeOffset ReceivedAt)> markers, CancellationToken cancellationToken)
    {
        var outcomes = new (IngestResult?, Exception?)[markers.Count];
        var entities = markers.Select(Entity).ToArray();
        foreach (var source in Enumerable.Range(0, markers.Count).GroupBy(i => markers[i].Partition, StringComparer.Ordinal))
        {
            foreach (var chunk in Chunks(source, entities))
            {
                var pending = chunk.ToList();
                while (pending.Count > 0)
                {
                    try
                    {
                        if (pending.Count == 1)
                        {
                            await tables.Events.AddEntityAsync(entities[pending[0]], cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            await tables.Events.SubmitTransactionAsync(pending.Select(i => new TableTransactionAction(TableTransactionActionType.Add, entities[i])), cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    }
                    catch (Exception ex) when (Conflict(ex, pending.Count) is { } at)
                    {
                        // Another copy of this event finished first; the deterministic ids made our work a no-op.
                        outcomes[pending[at]] = (markers[pending[at]].Result with { Status = IngestStatus.Duplicate }, null);
                        pending.RemoveAt(at);
                    }
                    catch (Exception ex) when (StorageFailure.Is(ex))
                    {
                        foreach (var i in pending)
                        {
                            outcomes[i] = (null, ex);
                        }

                        break;
                    }
                }
            }
        }

        return outcomes;
    }

    /// <summary>Up to 100 markers a transaction, and fewer when their results are long: a transaction carries at most 4 MiB.</summary>
    private static IEnumerable<int[]> Chunks(IEnumerable<int> indexes, TableEntity[] entities)
    {
        const long MaxBytes = 3L * 1024 * 1024;
        var chunk = new List<int>();
        long bytes = 0;
        foreach (var i in indexes)
        {
            // Quotes and non-ASCII letters travel escaped, up to six bytes a character.
            var size = 1024L + (6L * (entities[i].GetString("Result")?.Length ?? 0));
            if (chunk.Count > 0 && (chunk.Count == 100 || bytes + size > MaxBytes))
            {
                yield return [.. chunk];
                chunk.Clear();
                bytes = 0;
            }

            chunk.Add(i);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return [.. chunk];
        }
    }

    private static int? Conflict(Exception ex, int count) => ex switch
    {
        TableTransactionFailedException { Status: 409, FailedTransactionActionIndex: { } index } when index < count => index,
        RequestFailedException { Status: 409 } when count == 1 => 0,
        _ => null,
    };

    private static TableEntity Entity((string Partition, string Row, IngestResult Result, DateTimeOffset ReceivedAt) marker) =>
        new(marker.Partition, marker.Row)
        {
            ["Type"] = marker.Result.Type,
            ["ReceivedAt"] = marker.ReceivedAt,
            ["Result"] = Bounded(marker.Result),
        };

    private static IngestResult Stored(TableEntity marker)
    {
        var stored = JsonSerializer.Deserialize<IngestResult>(marker.GetString("Result"), FollowUpJson.Options)!;
        return stored with { Status = IngestStatus.Duplicate };
    }

    /// <summary>The stored result answers replays; it is cut to fit one property, keeping its counts and ids.</summary>
    private static string Bounded(IngestResult result)
    {
        const int Max = 30_000;
        var json = JsonSerializer.Serialize(result, FollowUpJson.Storage);
        if (json.Length <= Max)
        {
            return json;
        }

        static Messages.ScheduleResult Bare(Messages.ScheduleResult r) => r with { Reason = null };
        var bare = result with { Scheduled = [.. result.Scheduled.Select(Bare)], Cancelled = [.. result.Cancelled.Select(Bare)], Skipped = [.. result.Skipped.Select(Bare)] };
        json = JsonSerializer.Serialize(bare, FollowUpJson.Storage);
        return json.Length <= Max
            ? json
            : JsonSerializer.Serialize(bare with { Scheduled = [.. bare.Scheduled.Take(50)], Cancelled = [.. bare.Cancelled.Take(50)], Skipped = [.. bare.Skipped.Take(50)] }, FollowUpJson.Storage);
    }
}
