using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Ingest;

public class ConcurrencyTests
{
    [Fact]
    public async Task IngestAsync_PlacedAndCancelledAtOnce_NeverLeavesAThankYouForACancelledOrder()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var pairs = Enumerable.Range(0, 20).Select(async n =>
        {
            var scheduling = await RaceAsync(harness, n, TestEvents.Order(EventTypes.OrderPlaced, $"R-{n}", customerId: $"c-{n}"), TestEvents.Order(EventTypes.OrderCancelled, $"R-{n}", customerId: $"c-{n}"));
            return scheduling.Scheduled.Single(s => s.RuleId == "thank-you").MessageId!;
        });
        var ids = await Task.WhenAll(pairs);

        foreach (var id in ids)
        {
            var message = await harness.MessageAsync(id);
            Assert.True(message.GetStatus() == MessageStatus.Cancelled, $"{message.SubjectId} is {message.Status}");
        }

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1));
        Assert.Empty(harness.SendGrid.Received);
    }

    [Fact]
    public async Task IngestAsync_DeliveredAndReturnedAtOnce_NeverSendsAReviewRequestForAReturn()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var pairs = Enumerable.Range(0, 20).Select(async n =>
        {
            var scheduling = await RaceAsync(harness, n, TestEvents.Order(EventTypes.OrderDelivered, $"R-{n}", customerId: $"c-{n}"), TestEvents.Order(EventTypes.OrderReturned, $"R-{n}", customerId: $"c-{n}"));
            return scheduling.Scheduled.Single().MessageId!;
        });
        var ids = await Task.WhenAll(pairs);

        foreach (var id in ids)
        {
            Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(id)).GetStatus());
        }

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(10));
        Assert.Empty(harness.SendGrid.Received);
    }

    [Fact]
    public async Task IngestAsync_SameEventManyTimesAtOnce_CountsTheOrderOnceAndMakesOneMessage()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var placed = TestEvents.Order(EventTypes.OrderPlaced, "A-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => harness.IngestAsync(placed)));

        Assert.Single(results.Select(r => r.Scheduled.Single().MessageId).Distinct());
        var all = await harness.Ledger.ListAsync(new MessageQuery("c-1", null, null, null, 100, null));
        Assert.Single(all.Items);
        var profile = await harness.Tables.Customers.GetEntityAsync<FollowUp.Customers.CustomerEntity>(CustomerRecords.ProfileKey("c-1").Partition, CustomerRecords.ProfileKey("c-1").Row);
        Assert.Equal(1, profile.Value.OrderCount);
    }

    /// <summary>Ingests both events at once, alternating which starts first, and gives the first one's result.</summary>
    private static async Task<FollowUp.Ingest.IngestResult> RaceAsync(PipelineHarness harness, int n, System.Text.Json.Nodes.JsonObject scheduling, System.Text.Json.Nodes.JsonObject cancelling)
    {
        var results = n % 2 == 0
            ? await Task.WhenAll(harness.IngestAsync(scheduling), harness.IngestAsync(cancelling))
            : (await Task.WhenAll(harness.IngestAsync(cancelling), harness.IngestAsync(scheduling))).Reverse().ToArray();
        return results[0];
    }
}
