using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Testing;
using FollowUp.Validation;
using Xunit.Abstractions;

namespace FollowUp.Core.Tests.Ingest;

/// <summary>What taking events costs in storage requests, alone and in batches, and that a batch keeps each customer's order.</summary>
public class IngestCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IngestAsync_OrderPlaced_CostsFiveStorageRequests()
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: storage.InstallIn);

        // Warmed up on an order whose thank-you shares A-1's partition, so that the directory already lists it: the
        // first message of a partition costs one request more, to list it.
        var shard = MessageIds.PartitionOf(MessageIds.For(harness.Time.GetUtcNow(), MessageIds.Hash("thank-you", SubjectKind.Order, "c-1", "A-1")))[^1];
        var warm = Enumerable.Range(0, 100).Select(k => $"warm-{k}").First(c => MessageIds.PartitionOf(MessageIds.For(harness.Time.GetUtcNow(), MessageIds.Hash("thank-you", SubjectKind.Order, c, "W")))[^1] == shard);
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "W", customerId: warm));

        var before = storage.Requests;
        var result = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"));
        var requests = storage.Requests - before;

        // The marker looked up, the customer's rows read, the customer's changes written, the message written, the marker written.
        Assert.Equal(MessageStatus.Scheduled, Assert.Single(result.Scheduled).Status);
        Assert.Equal(5, requests);
    }

    [Fact]
    public async Task IngestBatchAsync_FiftyCustomers_CostsFewerRequestsPerEventThanOneByOne()
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: storage.InstallIn);
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "warm", customerId: "warm"));

        var before = storage.Requests;
        var outcomes = await harness.Ingestor.IngestBatchAsync(Parse(Enumerable.Range(0, 50).Select(n => TestEvents.Order(EventTypes.OrderPlaced, $"B-{n}", customerId: $"b-{n}"))));
        var requests = storage.Requests - before;
        output.WriteLine($"{requests} storage requests for 50 events");

        Assert.All(outcomes, outcome => Assert.Equal(IngestStatus.Accepted, outcome.Result!.Status));
        Assert.Equal(50, outcomes.Select(o => o.Result!.Scheduled.Single().MessageId).Distinct().Count());
        Assert.InRange(requests, 20, 60);
    }

    [Fact]
    public async Task IngestBatchAsync_OneCustomersEventsInOneBatch_AreTakenInOrder()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        var outcomes = await harness.Ingestor.IngestBatchAsync(Parse(
        [
            TestEvents.Order(EventTypes.OrderPlaced, "A-1"),
            TestEvents.Order(EventTypes.OrderCancelled, "A-1"),
            TestEvents.Order(EventTypes.OrderPlaced, "A-2"),
            TestEvents.Order(EventTypes.OrderPlaced, "A-1"),
        ]));

        var thankYou = outcomes[0].Result!.Scheduled.Single().MessageId!;
        Assert.Equal(thankYou, outcomes[1].Result!.Cancelled.Single().MessageId);
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(thankYou)).GetStatus());
        Assert.Equal(MessageStatus.Scheduled, outcomes[2].Result!.Scheduled.Single().Status);
        Assert.Equal(IngestStatus.Duplicate, outcomes[3].Result!.Status);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2))).Cancelled);
        Assert.Single(harness.SendGrid.Accepted);
    }

    [Fact]
    public async Task IngestBatchAsync_CancelInTheSameBatchAsTheOrder_NeverSendsTheThankYou()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var events = Enumerable.Range(0, 20).SelectMany(n => new[]
        {
            TestEvents.Order(EventTypes.OrderPlaced, $"C-{n}", customerId: $"c-{n}"),
            TestEvents.Order(EventTypes.OrderCancelled, $"C-{n}", customerId: $"c-{n}"),
        });

        var outcomes = await harness.Ingestor.IngestBatchAsync(Parse(events));
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));

        Assert.All(outcomes, outcome => Assert.Equal(IngestStatus.Accepted, outcome.Result!.Status));
        Assert.Empty(harness.SendGrid.Received);
    }

    [Fact]
    public async Task IngestBatchAsync_TwoBatchesOverTheSameCustomersAtOnce_CountEveryOrderOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var first = Parse(Enumerable.Range(0, 30).Select(n => TestEvents.Order(EventTypes.OrderPlaced, $"X-{n}", customerId: $"x-{n}")));
        var second = Parse(Enumerable.Range(0, 30).Select(n => TestEvents.Order(EventTypes.OrderPlaced, $"Y-{n}", customerId: $"x-{n}")));

        // The customers share partitions, so each batch's transactions meet the other's changes and are decided again.
        var outcomes = await Task.WhenAll(harness.Ingestor.IngestBatchAsync(first), harness.Ingestor.IngestBatchAsync(second));

        Assert.All(outcomes.SelectMany(o => o), outcome => Assert.Equal(IngestStatus.Accepted, outcome.Result!.Status));
        for (var n = 0; n < 30; n++)
        {
            var (partition, row) = CustomerRecords.ProfileKey($"x-{n}");
            var profile = (await harness.Tables.Customers.GetEntityAsync<FollowUp.Customers.CustomerEntity>(partition, row)).Value;
            Assert.Equal(2, profile.OrderCount);
        }
    }

    private static FollowUpEvent[] Parse(IEnumerable<JsonObject> events) => [.. events.Select(PipelineHarness.Parse)];
}
