using System.Diagnostics;
using FollowUp.Dispatch;
using FollowUp.Events;
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
    private const int MaxPasses = 100;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        var counter = new StorageRequestCounter();
        var pipeline = await BenchPipeline.CreateAsync(settings, counter.CreateClient(settings[BenchSettings.ConnectionStringKey]!), cancellationToken);
        try
        {
            var happened = TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(2);
            await pipeline.IngestAsync(BenchEvents.OrderPlaced("warm", 0, happened), cancellationToken);
            await pipeline.Dispatcher.DispatchDueAsync(cancellationToken);

            var before = counter.Snapshot;
            var ingested = await BoundedWork.RunAsync(
                options.Messages,
                options.Clients,
                options.MaxDuration,
                async (index, token) =>
                {
                    var result = await pipeline.IngestAsync(BenchEvents.OrderPlaced("due", index, happened), token);
                    return result.Status == IngestStatus.Accepted && result.Scheduled.Count == 1;
                },
                cancellationToken);
            var ingestStorage = counter.Snapshot.Since(before);
            Console.WriteLine($"  ingest (no HTTP): {Stats.Count(ingested.Done)} events in {Stats.Seconds(ingested.Elapsed)} = {Stats.Rate(ingested.PerSecond)} events/s");

            var dispatch = pipeline.Dispatcher;
            var acceptedBefore = sendGrid.Accepted.Count;
            before = counter.Snapshot;
            var passes = 0;
            var sent = 0;
            var other = 0;
            var started = Stopwatch.GetTimestamp();
            while (sent < ingested.Done && passes < MaxPasses && Stopwatch.GetElapsedTime(started) < options.MaxDuration)
            {
                var summary = await dispatch.DispatchDueAsync(cancellationToken);
                passes++;
                sent += summary.Sent;
                other += summary.Total - summary.Sent;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var dispatchStorage = counter.Snapshot.Since(before);
            var accepted = sendGrid.Accepted.Count - acceptedBefore;
            var perSecond = accepted / elapsed.TotalSeconds;
            Console.WriteLine($"  dispatch: {Stats.Count(accepted)} messages accepted by the fake SendGrid in {Stats.Seconds(elapsed)} = {Stats.Rate(perSecond)} messages/s");

            var dispatchOptions = pipeline.DispatchOptions;
            return
            [
                new Figure(
                    "2c",
                    $"Events ingested in-process (EventIngestor, no HTTP, {options.Clients} workers), for comparison",
                    Stats.Rate(ingested.PerSecond) + " events/s",
                    ingested.PerSecond,
                    $"{Stats.Count(ingested.Done)} of {Stats.Count(options.Messages)} events, {Stats.Seconds(ingested.Elapsed)}, {ingested.Failed} failed; {ingested.Trend()}; {ingestStorage.Per(ingested.Done, "event")}",
                    ingested.Complete),
                new Figure(
                    "3",
                    $"Messages dispatched end to end (DispatchDueAsync, batch {dispatchOptions.BatchSize}, parallelism {dispatchOptions.Parallelism}, real time, fake SendGrid on loopback)",
                    Stats.Rate(perSecond) + " messages/s",
                    perSecond,
                    $"{Stats.Count(accepted)} of {Stats.Count(ingested.Done)} due messages sent in {passes} pass(es), {Stats.Seconds(elapsed)}, {other} not sent; {dispatchStorage.Per(accepted, "message")}",
                    accepted == ingested.Done && ingested.Complete && other == 0),
            ];
        }
        finally
        {
            await pipeline.Tables.DeleteAllAsync(CancellationToken.None);
            await pipeline.DisposeAsync();
        }
    }
}
