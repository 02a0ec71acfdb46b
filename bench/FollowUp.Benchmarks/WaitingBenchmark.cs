using System.Collections.Concurrent;
using System.Globalization;
using FollowUp.Dispatch;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 5, waiting does not cost: the same N due thank-yous (as figure 3) dispatched with
/// <see cref="MessageDispatcher.DispatchDueAsync"/>, once on empty tables and once on tables where
/// <see cref="BenchmarkOptions.Waiting"/> messages wait for next month. Finding what is due reads the directory's
/// minutes that have begun and then the partitions they list, so the storage requests per due message should be the
/// same; before the due ones are scheduled, the product itself is asked what it sees of the waiting ones.
/// </summary>
internal static class WaitingBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, SharedWaiting shared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shared);

        // Scheduling that crosses a minute files the due messages under twice the partitions; room for twice the
        // expected time keeps both runs in one minute's partitions, and so their reads comparable.
        var none = await MeasureAsync(options, null, TimeSpan.FromSeconds(options.Messages / 50.0), cancellationToken);
        var waiting = await shared.GetAsync(cancellationToken);
        var some = await MeasureAsync(options, waiting, none.Scheduled.Elapsed * 2, cancellationToken);

        var verdict = Verdict(some.PerMessage, none.PerMessage);
        var writes = some.Writes == none.Writes
            ? "the same"
            : "outcomes are group-committed, so how many share a write depends on how the sends and Azurite's answers interleave";
        var seeded = string.Create(CultureInfo.InvariantCulture, $"{Stats.Count(waiting.Count)} thank-yous due {waiting.FirstDue:yyyy-MM-dd HH:mm} to {waiting.LastDue:yyyy-MM-dd HH:mm} UTC in {Stats.Count(waiting.Partitions)} partitions, each listed in the directory, seeded in entity-group transactions in {Stats.Seconds(waiting.Elapsed)}");
        var seen = some.NextDue == waiting.FirstDue && some.IdleSent == 0
            ? string.Create(CultureInfo.InvariantCulture, $"the product saw them: NextDueAsync answered {some.NextDue:yyyy-MM-dd HH:mm:ss} UTC, and a DispatchDueAsync pass before the due ones were scheduled sent nothing ({some.Idle.Requests} requests)")
            : string.Create(CultureInfo.InvariantCulture, $"**the product did not see them as seeded**: NextDueAsync answered {some.NextDue?.ToString("u", CultureInfo.InvariantCulture) ?? "nothing"}, the idle pass counted {some.IdleSent} messages");
        return
        [
            new Figure(
                "5",
                $"Storage requests per due message with {Stats.Count(waiting.Count)} waiting for next month vs none (DispatchDueAsync, {Stats.Count(options.Messages)} due)",
                $"{PerMessage(some)} vs {PerMessage(none)}",
                null,
                $"all requests {verdict}: {Stats.Count(some.Storage.Requests)} vs {Stats.Count(none.Storage.Requests)} for {Stats.Count(some.Dispatch.Accepted)} vs {Stats.Count(none.Dispatch.Accepted)} messages in {some.Dispatch.Passes} vs {none.Dispatch.Passes} pass(es). "
                    + $"Finding what is due: {some.DirectoryReads} vs {none.DirectoryReads} directory reads, {some.PartitionReads} vs {none.PartitionReads} partition reads for {some.Partitions} vs {none.Partitions} partitions due; "
                    + $"other reads (suppression list at most once a second, template) {some.OtherReads} vs {none.OtherReads}; claims and outcome writes {some.Writes} vs {none.Writes} ({writes}); "
                    + $"a pass with nothing due: {some.Idle.Requests} vs {none.Idle.Requests} requests",
                none.Complete && some.Complete && some.Verified),
            DispatchFigure("5b", "none waiting", none, "empty tables but for the warm-up message"),
            DispatchFigure("5c", $"{Stats.Count(waiting.Count)} waiting", some, $"{seeded}; {seen}; Azurite (LokiJS) tests every entity of the Messages table on each query, so its queries slow down with the waiting rows where Azure reads a key range: this rate is Azurite's, the requests in 5 are the product's"),
        ];
    }

    private static Figure DispatchFigure(string id, string waiting, WaitingRun run, string detail) => new(
        id,
        $"Messages dispatched with {waiting} (DispatchDueAsync, {Stats.Count(run.Scheduled.Done)} due, real time, fake SendGrid)",
        Stats.Rate(run.Dispatch.PerSecond) + " messages/s",
        run.Dispatch.PerSecond,
        $"{Stats.Count(run.Dispatch.Accepted)} of {Stats.Count(run.Scheduled.Done)} sent in {run.Dispatch.Passes} pass(es), {Stats.Seconds(run.Dispatch.Elapsed)}, {run.Dispatch.NotSent} not sent; {run.Storage.Per(run.Dispatch.Accepted, "message")}; {detail}",
        run.Complete);

    /// <summary>Equal within 1 %, nearly within 10 %.</summary>
    private static string Verdict(double some, double none)
    {
        var share = Math.Abs(some - none) / none;
        return share <= 0.01 ? "equal"
            : share <= 0.1 ? $"nearly equal ({(some > none ? "+" : "-")}{share.ToString("0.0%", CultureInfo.InvariantCulture)} with them waiting)"
            : $"not equal ({(some > none ? "+" : "-")}{share.ToString("0.0%", CultureInfo.InvariantCulture)} with them waiting)";
    }

    private static string PerMessage(WaitingRun run) => run.PerMessage.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Schedules and dispatches the due messages, on fresh tables or on the tables of <paramref name="waiting"/>.</summary>
    /// <param name="room">How long scheduling is expected to take at most; it starts in a minute that has this much left.</param>
    private static async Task<WaitingRun> MeasureAsync(BenchmarkOptions options, WaitingMessages? waiting, TimeSpan room, CancellationToken cancellationToken)
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        if (waiting is not null)
        {
            settings[BenchSettings.TablePrefixKey] = waiting.TablePrefix;
        }

        var counter = new StorageRequestCounter();
        var pipeline = await BenchPipeline.CreateAsync(settings, counter.CreateClient(settings[BenchSettings.ConnectionStringKey]!), cancellationToken);
        try
        {
            var happened = DueMessages.HappenedAt();
            await pipeline.IngestAsync(BenchEvents.OrderPlaced("warm", 0, happened), cancellationToken);
            await pipeline.Dispatcher.DispatchDueAsync(cancellationToken);

            // What the product sees before anything is due: the first waiting message, and a pass that sends nothing.
            var nextDue = await pipeline.Dispatcher.NextDueAsync(cancellationToken);
            var acceptedBefore = sendGrid.Accepted.Count;
            var before = counter.Snapshot;
            var idle = await pipeline.Dispatcher.DispatchDueAsync(cancellationToken);
            var idleStorage = counter.Snapshot.Since(before);
            var idleSent = idle.Total + sendGrid.Accepted.Count - acceptedBefore;

            await DueMessages.WaitForRoomInMinuteAsync(room, cancellationToken);
            var partitions = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            var scheduled = await DueMessages.ScheduleAsync(pipeline, "due", options.Messages, happened, options, id => partitions.TryAdd(MessageIds.PartitionOf(id), true), cancellationToken);
            before = counter.Snapshot;
            var dispatch = await DueMessages.DispatchAsync(pipeline.Dispatcher, sendGrid, scheduled.Done, options.MaxDuration, cancellationToken);
            var storage = counter.Snapshot.Since(before);
            var label = waiting is null ? "none waiting" : $"{Stats.Count(waiting.Count)} waiting";
            Console.WriteLine($"  {label}: {Stats.Count(dispatch.Accepted)} messages in {Stats.Seconds(dispatch.Elapsed)} = {Stats.Rate(dispatch.PerSecond)} messages/s, {storage.Per(dispatch.Accepted, "message")}");
            return new WaitingRun(scheduled, partitions.Count, dispatch, storage, pipeline.Tables, idleStorage, idleSent, nextDue, waiting is null || (nextDue == waiting.FirstDue && idleSent == 0));
        }
        finally
        {
            if (waiting is null)
            {
                await pipeline.Tables.DeleteAllAsync(CancellationToken.None);
            }

            await pipeline.DisposeAsync();
        }
    }

    private sealed record WaitingRun(
        WorkResult Scheduled,
        int Partitions,
        DispatchRun Dispatch,
        StorageSnapshot Storage,
        FollowUpTables Tables,
        StorageSnapshot Idle,
        int IdleSent,
        DateTimeOffset? NextDue,
        bool Verified)
    {
        public double PerMessage => Dispatch.Accepted == 0 ? double.NaN : (double)Storage.Requests / Dispatch.Accepted;

        public bool Complete => Scheduled.Complete && Dispatch.Accepted == Scheduled.Done && Dispatch.NotSent == 0;

        public long DirectoryReads => Storage.QueriesOf(Tables.Schedule.Name);

        public long PartitionReads => Storage.QueriesOf(Tables.Messages.Name);

        public long OtherReads => Storage.Queries - DirectoryReads - PartitionReads;

        /// <summary>Everything but queries: in a dispatch pass, the claim transactions and the outcome writes.</summary>
        public long Writes => Storage.Requests - Storage.Queries;
    }
}
