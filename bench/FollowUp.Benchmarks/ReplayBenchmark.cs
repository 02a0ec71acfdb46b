using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Replay;
using FollowUp.Rules;
using FollowUp.Testing;
using FollowUp.Validation;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 9, replay: the events of a month kept for replays, seeded straight into the Customers table as ingest keeps
/// them (with the rows a customer has besides: profile, orders' heads, message pointers, for the partition scan to
/// pass over), then replayed against the saved rules with the review request two days sooner.
/// </summary>
internal static class ReplayBenchmark
{
    /// <summary>A customer's rows besides their events: a profile, two orders' heads, message pointers.</summary>
    private const int OtherRowsPerCustomer = 5;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        var counter = new StorageRequestCounter();
        var pipeline = await BenchPipeline.CreateAsync(settings, counter.CreateClient(settings[BenchSettings.ConnectionStringKey]!), cancellationToken);
        try
        {
            var now = TimeProvider.System.GetUtcNow();
            var seedStarted = Stopwatch.GetTimestamp();
            var (events, rows, sent) = await SeedAsync(pipeline.Tables.Customers, pipeline.Tables.Messages, options.ReplayEvents, now, cancellationToken);
            Console.WriteLine($"  seeded {Stats.Count(events)} events among {Stats.Count(rows)} rows, and their {Stats.Count(sent)} messages, in {Stats.Seconds(Stopwatch.GetElapsedTime(seedStarted))}");

            var replay = pipeline.Create<EventReplay>();
            var saved = await pipeline.Create<RuleBook>().GetAllAsync(cancellationToken);
            var proposal = saved.Values.Select(r => r.Id == "review-request" ? r with { Delay = "P3D" } : r).ToDictionary(r => r.Id, StringComparer.Ordinal);
            var before = counter.Snapshot;
            var started = Stopwatch.GetTimestamp();
            var result = await replay.RunAsync(proposal, now.AddDays(-31), now.AddMinutes(1), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var storage = counter.Snapshot.Since(before);
            var perSecond = result.Events / elapsed.TotalSeconds;
            Console.WriteLine($"  replayed {Stats.Count(result.Events)} events in {Stats.Seconds(elapsed)} = {Stats.Rate(perSecond)} events/s; {Stats.Count(result.DifferenceCount)} differences");
            return
            [
                new Figure(
                    "9",
                    $"Replay of {Stats.Count(events)} kept events against a proposal (POST /api/replay's work; the review request two days sooner)",
                    $"{Stats.Rate(perSecond)} events/s, {Stats.Seconds(elapsed)}",
                    perSecond,
                    $"{Stats.Count(result.Events)} events of {Stats.Count((events + 4) / 5)} customers among {Stats.Count(rows)} rows of the Customers table, {Stats.Count(result.Rules.Sum(r => r.ActuallySent))} of their {Stats.Count(sent)} messages read as sent, {Stats.Count(result.DifferenceCount)} (event, rule) pairs differ (the seeded outcomes are not timed by send windows, so most do: the most work for the sample); {Stats.Count(storage.Requests)} storage requests ({Stats.Count(storage.Queries)} query pages): 16 partition scans of the Customers table for the events, and 16 slices of the Messages table's partitions of the minutes the messages are in for their status",
                    result.Events == events && !result.Truncated && result.Rules.Sum(r => r.ActuallySent) == sent),
            ];
        }
        finally
        {
            await pipeline.Tables.DeleteAllAsync(CancellationToken.None);
            await pipeline.DisposeAsync();
        }
    }

    /// <summary>
    /// Customers of five events each (order.placed and order.delivered of two orders, and a lost deal), received over
    /// the last 30 days, each row as ingest writes it, and <see cref="OtherRowsPerCustomer"/> other rows of each.
    /// </summary>
    private static async Task<(int Events, int Rows, int Messages)> SeedAsync(TableClient table, TableClient messageTable, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<ITableEntity>(count * 3);
        var messages = new List<TableEntity>(count);
        var model = new string('x', 600);
        var events = 0;
        for (var c = 0; events < count; c++)
        {
            var customer = "bench-c" + c.ToString(CultureInfo.InvariantCulture);
            var email = customer + "@example.com";
            var at = now.AddDays(-30).AddSeconds(c * 37 % (25 * 86_400));
            var history = new Customers.CustomerEntity();
            foreach (var (type, subject, outcome) in Journey(customer, at))
            {
                if (events == count)
                {
                    break;
                }

                var cloudEvent = subject.StartsWith('D')
                    ? TestEvents.Deal(type, subject, customer, email, time: at)
                    : TestEvents.Order(type, subject, customer, email, time: at);
                var parsed = EventParser.Parse(JsonSerializer.SerializeToElement(cloudEvent), new FieldErrors())!;
                rows.Add(StoredEvents.Row(parsed, at, 0, history.OrderCount == 0 ? null : history, outcome));
                messages.AddRange(outcome.Where(o => o.Scheduled).Select(o => new TableEntity(MessageIds.PartitionOf(o.Message!), o.Message) { ["RuleId"] = o.Rule, ["CustomerId"] = customer, ["Status"] = nameof(MessageStatus.Sent), ["Model"] = model }));
                if (type == EventTypes.OrderPlaced)
                {
                    history = new Customers.CustomerEntity { OrderCount = history.OrderCount + 1, LifetimeSpend = "1498" };
                }

                events++;
                at = at.AddHours(20);
            }

            var (partition, _) = CustomerRecords.ProfileKey(customer);
            for (var n = 0; n < OtherRowsPerCustomer; n++)
            {
                rows.Add(new TableEntity(partition, Customers.CustomerEntity.ProfileRowKey + "|" + customer + "|" + n.ToString(CultureInfo.InvariantCulture)) { ["CustomerId"] = customer, ["Email"] = email, ["Seen"] = "{\"order.placed\":638000000000000000}" });
            }
        }

        foreach (var chunk in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }

        await Parallel.ForEachAsync(
            messages.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (chunk, token) => await messageTable.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));
        return (events, rows.Count, messages.Count);
    }

    /// <summary>A customer's events, with what ingest did with each as it would have kept it.</summary>
    private static IEnumerable<(string Type, string Subject, StoredOutcome[] Outcome)> Journey(string customer, DateTimeOffset at)
    {
        StoredOutcome Made(string rule, string subject, TimeSpan after) =>
            new(rule, true, MessageIds.For(at + after, MessageIds.Hash(rule, subject.StartsWith('D') ? SubjectKind.Deal : SubjectKind.Order, customer, subject)), at + after, null);

        foreach (var order in new[] { "O1", "O2" })
        {
            yield return (EventTypes.OrderPlaced, order, [Made("thank-you", order, TimeSpan.FromHours(1)), new("loyalty-reward", false, null, null, "condition 'customer.order_count == 3' is false")]);
            yield return (EventTypes.OrderDelivered, order, [Made("review-request", order, TimeSpan.FromDays(5)), new("nps-question", false, null, null, "the rule is disabled")]);
        }

        yield return (EventTypes.DealLost, "D1", [Made("lost-sale-survey", "D1", TimeSpan.FromDays(2))]);
    }
}
