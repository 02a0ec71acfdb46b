using FollowUp.Dispatch;
using FollowUp.Ingest;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 3: N thank-yous already due (their order.placed events happened two hours ago, the rule waits one), sent by
/// <see cref="MessageDispatcher.DispatchDueAsync"/> passes on real time until the fake SendGrid has accepted all N.
/// Scheduling them goes through the core <see cref="EventIngestor"/> without HTTP, which is measured too (2c). The
/// thank-you goes through a send window and the caps; 3b measures the same without them.
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

            // The same again through a thank-you rule without send window or caps: what timing costs, per event and message.
            await pipeline.UseThankYouAsync(timing: false, cancellationToken);
            await pipeline.IngestAsync(BenchEvents.OrderPlaced("warm-plain", 0, happened), cancellationToken);
            await pipeline.Dispatcher.DispatchDueAsync(cancellationToken);
            before = counter.Snapshot;
            var plainIngested = await DueMessages.ScheduleAsync(pipeline, "plain", options.DispatchMessages, happened, options, null, cancellationToken);
            var plainIngestStorage = counter.Snapshot.Since(before);
            before = counter.Snapshot;
            var plain = await DueMessages.DispatchAsync(pipeline.Dispatcher, sendGrid, plainIngested.Done, options.MaxDuration, cancellationToken);
            var plainStorage = counter.Snapshot.Since(before);
            Console.WriteLine($"  without timing: ingest {Stats.Rate(plainIngested.PerSecond)} events/s, dispatch {Stats.Rate(plain.PerSecond)} messages/s");

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
                new Figure(
                    "3b",
                    "The same without send window or caps (a service rule), for what timing costs: events ingested in-process / messages dispatched",
                    $"{Stats.Rate(plainIngested.PerSecond)} events/s / {Stats.Rate(plain.PerSecond)} messages/s",
                    plain.PerSecond,
                    $"{Stats.Count(plainIngested.Done)} events, {plainIngestStorage.Per(plainIngested.Done, "event")}; {Stats.Count(plain.Accepted)} sent in {plain.Passes} pass(es), {plain.NotSent} not sent; {plainStorage.Per(plain.Accepted, "message")}",
                    plain.Accepted == plainIngested.Done && plainIngested.Complete && plain.NotSent == 0),
            ];
        }
        finally
        {
            await pipeline.Tables.DeleteAllAsync(CancellationToken.None);
            await pipeline.DisposeAsync();
        }
    }
}
