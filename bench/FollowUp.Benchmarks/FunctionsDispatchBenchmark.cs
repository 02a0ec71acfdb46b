using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using FollowUp.Dispatch;
using FollowUp.Functions;
using FollowUp.SelfHost.Storage;
using FollowUp.Testing;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 7: the Functions dispatch path, in this process. N thank-yous already due (as figure 3); the real
/// <see cref="DispatchFunction"/>'s timer function plans them (<see cref="MessageDispatcher.PlanAsync"/>) and returns
/// one queue message per batch; a <see cref="Channel{T}"/> stands in for the Storage queue; and
/// <see cref="BenchmarkOptions.Instances"/> consumers, each a pipeline of its own services as an instance's process
/// would have, take one queue message at a time and call the queue function (<see cref="MessageDispatcher.DispatchBatchAsync"/>).
/// </summary>
internal static class FunctionsDispatchBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        var counter = new StorageRequestCounter();
        var storage = counter.CreateClient(settings[BenchSettings.ConnectionStringKey]!);
        var instances = new List<BenchPipeline>(options.Instances);
        try
        {
            for (var i = 0; i < options.Instances; i++)
            {
                instances.Add(await BenchPipeline.CreateAsync(settings, storage, cancellationToken));
            }

            var functions = instances.ConvertAll(instance => instance.Create<DispatchFunction>());
            var timer = functions[0];
            var happened = DueMessages.HappenedAt();

            // Warm-up, instance by instance: one message scheduled, planned and sent through both functions. A message
            // due now is dated the moment it is scheduled, so the measured ones, scheduled later, fall outside the
            // hand-out lease these passes take on their partitions.
            for (var i = 0; i < functions.Count; i++)
            {
                await instances[i].IngestAsync(BenchEvents.OrderPlaced("warm", i, happened), cancellationToken);
                foreach (var message in await functions[i].DispatchAsync(new TimerInfo(), cancellationToken))
                {
                    await functions[i].DispatchBatchAsync(message, cancellationToken);
                }
            }

            var scheduled = await DueMessages.ScheduleAsync(instances[0], "due", options.DispatchMessages, happened, options, null, cancellationToken);

            var before = counter.Snapshot;
            var planning = Stopwatch.GetTimestamp();
            var queued = await timer.DispatchAsync(new TimerInfo(), cancellationToken);
            var planned = Stopwatch.GetElapsedTime(planning);
            var timerStorage = counter.Snapshot.Since(before);
            Console.WriteLine($"  timer: {queued.Length} queue messages in {Stats.Milliseconds(planned.TotalMilliseconds)}, {timerStorage.Requests} storage requests");

            // Within the lease the timer must hand out nothing again.
            before = counter.Snapshot;
            var again = await timer.DispatchAsync(new TimerInfo(), cancellationToken);
            var againStorage = counter.Snapshot.Since(before);

            var queue = Channel.CreateUnbounded<string>();
            foreach (var message in queued)
            {
                queue.Writer.TryWrite(message);
            }

            queue.Writer.Complete();
            var taken = new int[functions.Count];
            var acceptedBefore = sendGrid.Accepted.Count;
            before = counter.Snapshot;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(functions.Select((function, i) => Task.Run(
                async () =>
                {
                    while (Stopwatch.GetElapsedTime(started) < options.MaxDuration && queue.Reader.TryRead(out var message))
                    {
                        taken[i]++;
                        await function.DispatchBatchAsync(message, cancellationToken);
                    }
                },
                cancellationToken)));
            var elapsed = Stopwatch.GetElapsedTime(started);
            var queueStorage = counter.Snapshot.Since(before);
            var accepted = sendGrid.Accepted.Count - acceptedBefore;
            var perSecond = accepted / elapsed.TotalSeconds;
            Console.WriteLine($"  queue: {Stats.Count(accepted)} messages accepted by the fake SendGrid in {Stats.Seconds(elapsed)} = {Stats.Rate(perSecond)} messages/s");

            var dispatchOptions = instances[0].DispatchOptions;
            var perMessage = accepted == 0 ? "no messages sent" : string.Create(CultureInfo.InvariantCulture, $"{(double)(timerStorage.Requests + queueStorage.Requests) / accepted:0.00} storage requests/message with the timer pass");
            return
            [
                new Figure(
                    "7",
                    $"Functions timer pass with {Stats.Count(scheduled.Done)} due (DispatchFunction.DispatchAsync: PlanAsync, batches as queue messages)",
                    $"{Stats.Milliseconds(planned.TotalMilliseconds)}, {queued.Length} queue messages",
                    null,
                    $"{timerStorage.Requests} storage requests ({timerStorage.Queries} queries: {timerStorage.QueriesOf(instances[0].Tables.Schedule.Name)} of the directory, {timerStorage.QueriesOf(instances[0].Tables.Messages.Name)} of partitions; the rest leases); batches of up to {Math.Min(dispatchOptions.BatchSize, DispatchBatch.MaxIds)} ids; "
                        + string.Create(CultureInfo.InvariantCulture, $"a second timer call right after, within the {dispatchOptions.HandOutLease:c} hand-out lease, handed out {(again.Length == 0 ? "nothing" : $"**{again.Length} queue messages**")} ({againStorage.Requests} requests)"),
                    queued.Length > 0 && again.Length == 0 && scheduled.Complete),
                new Figure(
                    "7b",
                    $"Messages sent through the queue path (DispatchFunction.DispatchBatchAsync; {functions.Count} instances taking one queue message at a time from an in-memory queue; real time, fake SendGrid)",
                    Stats.Rate(perSecond) + " messages/s",
                    perSecond,
                    $"{Stats.Count(accepted)} of {Stats.Count(scheduled.Done)} due messages sent from {queued.Length} queue messages in {Stats.Seconds(elapsed)}; {perMessage}; in the queue function alone {queueStorage.Per(accepted, "message")}; "
                        + $"the instances took {string.Join(" / ", taken)} queue messages; each instance has its own services, as its own process would, but all share this process and its cores ({HostQueues()})",
                    accepted == scheduled.Done && scheduled.Complete),
            ];
        }
        finally
        {
            if (instances.Count > 0)
            {
                await instances[0].Tables.DeleteAllAsync(CancellationToken.None);
            }

            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>How many queue messages a real instance runs at once, from the repository's host.json.</summary>
    private static string HostQueues()
    {
        var root = RepositoryRoot.Find();
        var hostJson = root is null ? null : Path.Combine(root, "host.json");
        if (hostJson is null || !File.Exists(hostJson))
        {
            return "host.json not found";
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJson));
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues)
            || !queues.TryGetProperty("batchSize", out var batchSize) || !queues.TryGetProperty("newBatchThreshold", out var threshold))
        {
            return "host.json sets no queue batch size";
        }

        return $"a real instance runs up to {batchSize.GetInt32() + threshold.GetInt32()} queue messages at once: host.json batchSize {batchSize.GetInt32()} + newBatchThreshold {threshold.GetInt32()}";
    }
}
