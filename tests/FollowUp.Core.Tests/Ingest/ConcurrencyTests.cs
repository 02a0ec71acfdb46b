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
            var placed = TestEvents.Order(EventTypes.OrderPlaced, $"R-{n}", customerId: $"c-{n}");
            var cancelled = TestEvents.Order(EventTypes.OrderCancelled, $"R-{n}", customerId: $"c-{n}");

            // Alternate which one starts first, so both interleavings are tried many times.
            var results = n % 2 == 0
                ? await Task.WhenAll(harness.IngestAsync(placed), harness.IngestAsync(cancelled))
                : (await Task.WhenAll(harness.IngestAsync(cancelled), harness.IngestAsync(placed))).Reverse().ToArray();
            return results[0].Scheduled.Single(s => s.RuleId == "thank-you").MessageId!;
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
            var delivered = TestEvents.Order(EventTypes.OrderDelivered, $"R-{n}", customerId: $"c-{n}");
            var returned = TestEvents.Order(EventTypes.OrderReturned, $"R-{n}", customerId: $"c-{n}");
            var results = n % 2 == 0
                ? await Task.WhenAll(harness.IngestAsync(delivered), harness.IngestAsync(returned))
                : (await Task.WhenAll(harness.IngestAsync(returned), harness.IngestAsync(delivered))).Reverse().ToArray();
            return results[0].Scheduled.Single().MessageId!;
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
        var profile = await harness.Tables.Customers.GetEntityAsync<FollowUp.Customers.CustomerEntity>("c-1", FollowUp.Customers.CustomerEntity.ProfileRowKey);
        Assert.Equal(1, profile.Value.OrderCount);
    }
}
