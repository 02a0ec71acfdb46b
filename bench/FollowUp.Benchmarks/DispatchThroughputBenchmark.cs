using FollowUp.Dispatch;
using FollowUp.Ingest;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 3: N thank-yous already due (their order.placed events happened two hours ago, the rule waits one), sent by
/// <see cref="MessageDispatcher.DispatchDueAsync"/> passes on real time until the fake SendGrid has accepted all N.
/// Scheduling them goes through the core <see cref="EventIngestor"/> without HTTP, which is measured too (2c).
/// </summary>
internal static class DispatchThroughputBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        var counter = new StorageRequestCounter();
        var pipeline = await BenchPipeline.CreateAsync(settings, counter.CreateClient(settings[BenchSettings.ConnectionStringKey]!), cancellationToken);
        try
        {
            var happened = DueMessages.HappenedAt();
            await pipeline.IngestAsync(BenchEvents.OrderPlaced("warm", 0, happened), cancellationToken);
            await pipeline.Dispatcher.DispatchDueAsync(cancellationToken);

            var before = counter.Snapshot;
            var ingested = await DueMessages.ScheduleAsync(pipeline, "due", options.DispatchMessages, happened, options, null, cancellationToken);
            var ingestStorage = counter.Snapshot.Since(before);
            Console.WriteLine($"  ingest (no HTTP): {Stats.Count(ingested.Done)} events in {Stats.Seconds(ingested.Elapsed)} = {Stats.Rate(ingested.PerSecond)} events/s");

            before = counter.Snapshot;
            var dispatch = await DueMessages.DispatchAsync(pipeline.Dispatcher, sendGrid, ingested.Done, options.MaxDuration, cancellationToken);
            var dispatchStorage = counter.Snapshot.Since(before);
            var accepted = dispatch.Accepted;
            Console.WriteLine($"  dispatch: {Stats.Count(accepted)} messages accepted by the fake SendGrid in {Stats.Seconds(dispatch.Elapsed)} = {Stats.Rate(dispatch.PerSecond)} messages/s");

            var dispatchOptions = pipeline.DispatchOptions;
            return
            [
                new Figure(
                    "2c",
                    $"Events ingested in-process (EventIngestor, no HTTP, {options.Clients} workers), for comparison",
                    Stats.Rate(ingested.PerSecond) + " events/s",
                    ingested.PerSecond,
                    $"{Stats.Count(ingested.Done)} of {Stats.Count(options.DispatchMessages)} events, {Stats.Seconds(ingested.Elapsed)}, {ingested.Failed} failed; {ingested.Trend()}; {ingestStorage.Per(ingested.Done, "event")}",
                    ingested.Complete),
                new Figure(
                    "3",
                    $"Messages dispatched end to end (DispatchDueAsync, batch {dispatchOptions.BatchSize}, parallelism {dispatchOptions.Parallelism}, real time, fake SendGrid on loopback)",
                    Stats.Rate(dispatch.PerSecond) + " messages/s",
                    dispatch.PerSecond,
                    $"{Stats.Count(accepted)} of {Stats.Count(ingested.Done)} due messages sent in {dispatch.Passes} pass(es), {Stats.Seconds(dispatch.Elapsed)}, {dispatch.NotSent} not sent; {dispatchStorage.Per(accepted, "message")}",
                    accepted == ingested.Done && ingested.Complete && dispatch.NotSent == 0),
            ];
        }
        finally
        {
            await pipeline.Tables.DeleteAllAsync(CancellationToken.None);
            await pipeline.DisposeAsync();
        }
    }
}
