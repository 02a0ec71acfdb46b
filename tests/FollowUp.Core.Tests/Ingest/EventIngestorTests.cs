using FollowUp.Customers;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Ingest;

public class EventIngestorTests
{
    [Fact]
    public async Task IngestAsync_SameEventTwice_SchedulesNothingNewAndSaysDuplicate()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var placed = TestEvents.Order(EventTypes.OrderPlaced, "A-1");

        var first = await harness.IngestAsync(placed);
        var second = await harness.IngestAsync(placed);

        Assert.Equal(IngestStatus.Accepted, first.Status);
        Assert.Equal(IngestStatus.Duplicate, second.Status);
        var message = Assert.Single(first.Scheduled);
        Assert.Equal("thank-you", message.RuleId);
        Assert.Equal(first.Scheduled.Select(s => s.MessageId), second.Scheduled.Select(s => s.MessageId));
        var all = await harness.Ledger.ListAsync(new MessageQuery("c-1", null, null, null, 100, null));
        Assert.Single(all.Items);
    }

    [Fact]
    public async Task IngestAsync_SameOrderUnderANewEventId_StillMakesOneMessagePerRule()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        var first = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", eventId: "e-1"));
        var second = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", eventId: "e-2"));

        Assert.Equal(IngestStatus.Accepted, second.Status);
        Assert.True(Assert.Single(second.Scheduled).Existing);
        Assert.Equal(first.Scheduled[0].MessageId, second.Scheduled[0].MessageId);
        var profile = await harness.Tables.Customers.GetEntityAsync<CustomerEntity>(CustomerRecords.ProfileKey("c-1").Partition, CustomerRecords.ProfileKey("c-1").Row);
        Assert.Equal(1, profile.Value.OrderCount);
    }

    [Fact]
    public async Task IngestAsync_Orders_KeepCustomerHistory()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", total: 1000m, time: PipelineHarness.Start.AddDays(-30)));
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-2", total: 600m, time: PipelineHarness.Start));

        var profile = (await harness.Tables.Customers.GetEntityAsync<CustomerEntity>(CustomerRecords.ProfileKey("c-1").Partition, CustomerRecords.ProfileKey("c-1").Row)).Value;
        Assert.Equal(2, profile.OrderCount);
        Assert.Equal(1600m, decimal.Parse(profile.LifetimeSpend, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(PipelineHarness.Start.AddDays(-30), profile.FirstOrderAt);
        Assert.Equal(PipelineHarness.Start, profile.LastOrderAt);
        Assert.Equal("kari@example.com", profile.Email);
    }

    [Fact]
    public async Task IngestAsync_ThirdOrder_SchedulesLoyaltyRewardWithUniqueCoupon()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        var results = new List<IngestResult>();
        for (var n = 1; n <= 4; n++)
        {
            results.Add(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"A-{n}")));
        }

        Assert.DoesNotContain(results[1].Scheduled, s => s.RuleId == "loyalty-reward");
        Assert.Contains(results[1].Skipped, s => s.RuleId == "loyalty-reward" && s.Reason!.Contains("is false", StringComparison.Ordinal));
        var loyalty = Assert.Single(results[2].Scheduled, s => s.RuleId == "loyalty-reward");
        Assert.DoesNotContain(results[3].Scheduled, s => s.RuleId == "loyalty-reward");
        var message = await harness.MessageAsync(loyalty.MessageId!);
        Assert.Matches("^THANKS-[2-9A-HJ-NP-Z]{8}$", message.CouponCode);
    }

    [Fact]
    public async Task IngestAsync_Return_CancelsOnlyThatOrdersReviewRequest()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var reviewOfA1 = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"))).Scheduled.Single().MessageId!;
        var reviewOfA2 = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-2"))).Scheduled.Single().MessageId!;

        var returned = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderReturned, "A-1"));

        Assert.Equal(reviewOfA1, Assert.Single(returned.Cancelled).MessageId);
        var cancelled = await harness.MessageAsync(reviewOfA1);
        Assert.Equal(MessageStatus.Cancelled, cancelled.GetStatus());
        Assert.Equal("order.returned on order A-1", cancelled.Reason);
        Assert.Equal(MessageStatus.Scheduled, (await harness.MessageAsync(reviewOfA2)).GetStatus());

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(6));
        Assert.Equal(1, summary.Sent);
        Assert.Equal(reviewOfA2, Assert.Single(harness.SendGrid.Accepted).MessageId);
    }

    [Fact]
    public async Task IngestAsync_ReopenedDeal_CancelsItsSurveyButNotAnotherDeals()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var surveyD1 = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        var surveyD2 = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-2"))).Scheduled.Single().MessageId!;

        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealReopened, "D-1"));

        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(surveyD1)).GetStatus());
        Assert.Equal(MessageStatus.Scheduled, (await harness.MessageAsync(surveyD2)).GetStatus());
    }

    [Fact]
    public async Task IngestAsync_ReturnArrivingBeforeDelivery_RecordsTheReviewAsCancelled()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderReturned, "A-1"));

        var delivered = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"));

        var review = Assert.Single(delivered.Scheduled);
        Assert.Equal(MessageStatus.Cancelled, review.Status);
        Assert.Contains("order.returned was received", review.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(6))).Sent);
    }

    [Fact]
    public async Task IngestAsync_DeliveredWithoutLines_GivesTheMessageTheOrderAsPlaced()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"));

        var review = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"))).Scheduled.Single();

        var model = MessageScheduler.ParseModel(await harness.MessageAsync(review.MessageId!));
        Assert.Equal(2, model["order"]!["lines"]!.AsArray().Count);
        Assert.Equal("NOK", model["order"]!["currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task IngestAsync_DisabledRule_IsSkippedWithAReason()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var rules = harness.Services.GetService(typeof(FollowUp.Rules.RuleBook)) as FollowUp.Rules.RuleBook;
        var thankYou = await rules!.GetAsync("thank-you");
        await rules.SaveAsync(thankYou! with { Enabled = false }, expectedVersion: null);

        var result = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"));

        Assert.Empty(result.Scheduled);
        Assert.Contains(result.Skipped, s => s.RuleId == "thank-you" && s.Reason == "the rule is disabled");
    }
}
