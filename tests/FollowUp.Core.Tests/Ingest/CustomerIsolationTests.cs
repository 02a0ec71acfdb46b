using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Responses;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Ingest;

public class CustomerIsolationTests
{
    [Fact]
    public async Task IngestAsync_TwoCustomersWithTheSameOrderId_NeverShareAMessageOrACancellation()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var a = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "1001", customerId: "shop-a-7", email: "a@example.com", eventId: "a-placed"))).Scheduled.Single();
        var b = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "1001", customerId: "shop-b-9", email: "b@example.com", eventId: "b-placed"))).Scheduled.Single();

        var cancelled = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "1001", customerId: "shop-a-7", email: "a@example.com", eventId: "a-cancelled"));

        Assert.NotEqual(a.MessageId, b.MessageId);
        Assert.False(b.Existing);
        Assert.Equal(a.MessageId, Assert.Single(cancelled.Cancelled).MessageId);
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(a.MessageId!)).GetStatus());
        Assert.Equal(MessageStatus.Scheduled, (await harness.MessageAsync(b.MessageId!)).GetStatus());
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        Assert.Equal("b@example.com", Assert.Single(harness.SendGrid.Accepted).To);
    }

    [Fact]
    public async Task UnsubscribeAsync_OneCustomersLink_LeavesTheOtherCustomerWithTheSameOrderIdAlone()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var a = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "1001", customerId: "shop-a-7", email: "a@example.com", eventId: "a-placed"))).Scheduled.Single().MessageId!;
        var b = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "1001", customerId: "shop-b-9", email: "b@example.com", eventId: "b-placed"))).Scheduled.Single().MessageId!;

        var (outcome, message, _) = await harness.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, a, null));

        Assert.Equal(ResponseOutcome.Recorded, outcome);
        Assert.Equal("a@example.com", message!.Email);
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(a)).GetStatus());
        Assert.Equal(MessageStatus.Scheduled, (await harness.MessageAsync(b)).GetStatus());
        Assert.False(await harness.Services.GetRequiredService<Suppressions>().IsSuppressedAsync("b@example.com"));
    }

    [Fact]
    public async Task IngestAsync_OneOrderFromTwoSources_StillMeets()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"));
        var delivered = TestEvents.Order(EventTypes.OrderDelivered, "A-1");
        delivered["source"] = "/carrier/posten";
        var review = (await harness.IngestAsync(delivered)).Scheduled.Single().MessageId!;

        var returned = TestEvents.Order(EventTypes.OrderReturned, "A-1");
        returned["source"] = "/returns/portal";
        var result = await harness.IngestAsync(returned);

        Assert.Equal(review, Assert.Single(result.Cancelled).MessageId);
        var model = MessageScheduler.ParseModel(await harness.MessageAsync(review));
        Assert.Equal(2, model["order"]!["lines"]!.AsArray().Count);
    }
}
