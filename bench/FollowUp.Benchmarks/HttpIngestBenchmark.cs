using System.Text.Json.Nodes;
using FollowUp.Storage;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 2: order.placed events for distinct orders and customers through <c>POST /api/events</c> of the self-host,
/// from several concurrent clients, one event per request and then in batches, each on a fresh self-host with empty
/// tables. Each event schedules one thank-you (due in an hour, so nothing is sent meanwhile); the self-host's dispatch
/// loop runs as in production, woken by every message scheduled.
/// </summary>
internal static class HttpIngestBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = options.UseTestServer ? "TestServer (in-memory)" : "Kestrel (loopback TCP)";
        var single = await OnFreshSelfHostAsync(options, async (clients, counter) =>
        {
            var before = counter.Snapshot;
            var work = await BoundedWork.RunAsync(
                options.Events,
                options.Clients,
                options.MaxDuration,
                (index, token) => PostOneAsync(clients[index % clients.Length], BenchEvents.OrderPlaced("single", index), token),
                cancellationToken);
            var storage = counter.Snapshot.Since(before);
            Console.WriteLine($"  one per request: {Stats.Count(work.Done)} events in {Stats.Seconds(work.Elapsed)} = {Stats.Rate(work.PerSecond)} events/s");
            return new Figure(
                "2",
                $"Events ingested via POST /api/events, one per request ({options.Clients} clients; self-host in-process on {server})",
                Stats.Rate(work.PerSecond) + " events/s",
                work.PerSecond,
                $"{Stats.Count(work.Done)} of {Stats.Count(options.Events)} events, {Stats.Seconds(work.Elapsed)}, {work.Failed} failed; {work.Trend()}; {storage.Per(work.Done, "event")}",
                work.Complete);
        }, cancellationToken);

        var batched = await OnFreshSelfHostAsync(options, async (clients, counter) =>
        {
            var batches = (options.Events + options.BatchSize - 1) / options.BatchSize;
            var accepted = 0;
            var before = counter.Snapshot;
            var work = await BoundedWork.RunAsync(
                batches,
                options.Clients,
                options.MaxDuration,
                async (index, token) =>
                {
                    var first = index * options.BatchSize;
                    var events = Enumerable.Range(first, Math.Min(options.BatchSize, options.Events - first))
                        .Select(i => BenchEvents.OrderPlaced("batch", i))
                        .ToArray();
                    var count = await PostBatchAsync(clients[index % clients.Length], events, token);
                    Interlocked.Add(ref accepted, count);
                    return count == events.Length;
                },
                cancellationToken);
            var storage = counter.Snapshot.Since(before);
            var perSecond = accepted / work.Elapsed.TotalSeconds;
            Console.WriteLine($"  batches of {options.BatchSize}: {Stats.Count(accepted)} events in {Stats.Seconds(work.Elapsed)} = {Stats.Rate(perSecond)} events/s");
            return new Figure(
                "2b",
                $"Events ingested via POST /api/events, batches of {options.BatchSize} ({options.Clients} clients; {server})",
                Stats.Rate(perSecond) + " events/s",
                perSecond,
                $"{Stats.Count(accepted)} of {Stats.Count(options.Events)} events in {Stats.Count(work.Done + work.Failed)} requests, {Stats.Seconds(work.Elapsed)}, {work.Failed} requests not wholly accepted; {work.Trend(options.BatchSize)}; {storage.Per(accepted, "event")}",
                work.Complete && accepted == options.Events);
        }, cancellationToken);

        return [single, batched];
    }

    /// <summary>Starts a self-host on new tables, warms it up, runs <paramref name="measure"/> with one client per worker, and cleans up.</summary>
    private static async Task<Figure> OnFreshSelfHostAsync(
        BenchmarkOptions options,
        Func<HttpClient[], StorageRequestCounter, Task<Figure>> measure,
        CancellationToken cancellationToken)
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        var counter = new StorageRequestCounter();
        var storage = counter.CreateClient(settings[BenchSettings.ConnectionStringKey]!);
        var host = new BenchSelfHost(settings, storage, options.UseTestServer);
        var clients = new List<HttpClient>(options.Clients);
        try
        {
            for (var i = 0; i < options.Clients; i++)
            {
                clients.Add(host.CreateApiClient());
            }

            // Warm-up: start-up, JIT and each client's connection, on events that are not counted.
            var warm = await Task.WhenAll(clients.Select((client, i) => PostOneAsync(client, BenchEvents.OrderPlaced("warm", i), cancellationToken)));
            if (!warm.All(ok => ok))
            {
                throw new InvalidOperationException("The self-host did not accept the warm-up events: " + EventPosts.FirstFailure);
            }

            return await measure([.. clients], counter);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            await host.DisposeAsync();
            await new FollowUpTables(storage, settings[BenchSettings.TablePrefixKey]!).DeleteAllAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> PostOneAsync(HttpClient client, JsonObject cloudEvent, CancellationToken cancellationToken)
    {
        using var answer = await EventPosts.PostAsync(client, cloudEvent, cancellationToken);
        return answer is not null;
    }

    private static async Task<int> PostBatchAsync(HttpClient client, JsonObject[] events, CancellationToken cancellationToken)
    {
        using var answer = await EventPosts.PostBatchAsync(client, events, cancellationToken);
        return answer?.RootElement.GetProperty("accepted").GetInt32() ?? 0;
    }
}
