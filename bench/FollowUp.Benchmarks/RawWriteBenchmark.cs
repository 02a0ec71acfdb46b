using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 1, the ceiling: what the same Azurite takes when written to directly with Azure.Data.Tables, in
/// entity-group transactions of 100 entities of about 1 KB, into a few partitions. For comparison, the same entities
/// inserted one request each, as the pipeline's own writes are.
/// </summary>
internal static class RawWriteBenchmark
{
    private static readonly string Payload = new('x', 900);

    public static async Task<IReadOnlyList<Figure>> RunAsync(string connectionString, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var table = new TableServiceClient(connectionString).GetTableClient("benchraw" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            // Warm-up: connections, JIT, and the table's first partition.
            await table.SubmitTransactionAsync(Batch("warm", 0, BenchmarkOptions.RawBatchSize), cancellationToken);

            var batches = (options.RawEntities + BenchmarkOptions.RawBatchSize - 1) / BenchmarkOptions.RawBatchSize;
            var batched = await BoundedWork.RunAsync(batches, options.Clients, options.MaxDuration, async (index, token) =>
            {
                try
                {
                    await table.SubmitTransactionAsync(Batch("p" + (index % BenchmarkOptions.RawPartitions).ToString(CultureInfo.InvariantCulture), index, BenchmarkOptions.RawBatchSize), token);
                    return true;
                }
                catch (RequestFailedException)
                {
                    return false;
                }
            }, cancellationToken);
            var batchedPerSecond = batched.Done * BenchmarkOptions.RawBatchSize / batched.Elapsed.TotalSeconds;
            Console.WriteLine($"  batched: {Stats.Count(batched.Done * BenchmarkOptions.RawBatchSize)} entities in {Stats.Seconds(batched.Elapsed)} = {Stats.Rate(batchedPerSecond)} entities/s");

            var singles = await BoundedWork.RunAsync(options.RawSingles, options.Clients, options.MaxDuration, async (index, token) =>
            {
                try
                {
                    await table.AddEntityAsync(Entity("s" + (index % BenchmarkOptions.RawPartitions).ToString(CultureInfo.InvariantCulture), index), token);
                    return true;
                }
                catch (RequestFailedException)
                {
                    return false;
                }
            }, cancellationToken);
            Console.WriteLine($"  single:  {Stats.Count(singles.Done)} entities in {Stats.Seconds(singles.Elapsed)} = {Stats.Rate(singles.PerSecond)} entities/s");

            return
            [
                new Figure(
                    "1",
                    $"Raw ceiling: batched inserts ({BenchmarkOptions.RawBatchSize}/transaction, {BenchmarkOptions.RawPartitions} partitions, ~1 KB entities, {options.Clients} writers)",
                    Stats.Rate(batchedPerSecond) + " entities/s",
                    batchedPerSecond,
                    $"{Stats.Count(batched.Done * BenchmarkOptions.RawBatchSize)} entities in {Stats.Count(batched.Done)} transactions, {Stats.Seconds(batched.Elapsed)}, {batched.Failed} failed; {batched.Trend(BenchmarkOptions.RawBatchSize)}",
                    batched.Complete),
                new Figure(
                    "1b",
                    $"Raw single-entity inserts (one request each, {options.Clients} writers)",
                    Stats.Rate(singles.PerSecond) + " entities/s",
                    singles.PerSecond,
                    $"{Stats.Count(singles.Done)} entities, {Stats.Seconds(singles.Elapsed)}, {singles.Failed} failed; {singles.Trend()}",
                    singles.Complete),
            ];
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    private static List<TableTransactionAction> Batch(string partition, int batch, int size) =>
        Enumerable.Range(0, size)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity(partition, (batch * size) + i)))
            .ToList();

    /// <summary>About 1 KB as JSON on the wire: a few typed properties and a 900-character text.</summary>
    private static TableEntity Entity(string partition, int row) => new(partition, row.ToString("D10", CultureInfo.InvariantCulture))
    {
        ["CustomerId"] = "c-" + row.ToString(CultureInfo.InvariantCulture),
        ["Status"] = "Scheduled",
        ["Attempts"] = 0,
        ["DueAt"] = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        ["Payload"] = Payload,
    };
}
