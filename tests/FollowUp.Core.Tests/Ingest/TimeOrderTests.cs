using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Ingest;

/// <summary>Events end in the state they would have had applied in the order of their <c>time</c>, whatever order they arrive in.</summary>
public class TimeOrderTests
{
    private static readonly DateTimeOffset Monday = PipelineHarness.Start.AddDays(-7);

    [Fact]
    public async Task IngestAsync_DealReopenedThenLostAgain_SurveysTheSecondLoss()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealReopened, "D-1", time: Monday));
        var lost = await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", time: Monday.AddDays(1)));

        Assert.Equal(MessageStatus.Scheduled, Assert.Single(lost.Scheduled).Status);
    }

    [Fact]
    public async Task IngestAsync_OlderReopenArrivingAfterTheLoss_LeavesTheSurveyScheduled()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var survey = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", time: Monday.AddDays(1)))).Scheduled.Single().MessageId!;

        var reopened = await harness.IngestAsync(TestEvents.Deal(EventTypes.DealReopened, "D-1", time: Monday));

        Assert.Empty(reopened.Cancelled);
        Assert.Equal(MessageStatus.Scheduled, (await harness.MessageAsync(survey)).GetStatus());
    }

    [Fact]
    public async Task IngestAsync_LaterCancellationArrivingFirst_CancelsTheThankYouWhenThePlacementArrives()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        // Within the thank-you's maxEventAge (two days), so that the rule still applies.
        var placedAt = PipelineHarness.Start.AddHours(-3);
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1", time: placedAt.AddHours(2)));

        var placed = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: placedAt));

        Assert.Equal(MessageStatus.Cancelled, placed.Scheduled.Single(s => s.RuleId == "thank-you").Status);
    }

    [Fact]
    public async Task IngestAsync_OrderCancelledBeforeItIsDelivered_NeverAsksForAReview()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: Monday));
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1", time: Monday.AddHours(1)));

        var delivered = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1", time: Monday.AddDays(1)));

        Assert.Equal(MessageStatus.Cancelled, Assert.Single(delivered.Scheduled).Status);
    }

    [Fact]
    public async Task IngestAsync_OldCopyOfTheLossArrivingLate_LeavesTheSurveyScheduled()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var survey = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", time: Monday.AddDays(2), eventId: "lost-2"))).Scheduled.Single().MessageId!;
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealReopened, "D-1", time: Monday.AddDays(1)));

        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", time: Monday, eventId: "lost-0"));

        Assert.Equal(MessageStatus.Scheduled, (await harness.MessageAsync(survey)).GetStatus());
    }

    [Fact]
    public async Task IngestAsync_EventDatedYearsAhead_CountsAsNowSoLaterEventsStillApply()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var thanks = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: PipelineHarness.Start.AddYears(50)))).Scheduled.Single().MessageId!;
        harness.Time.Advance(TimeSpan.FromMinutes(10));

        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1", time: harness.Time.GetUtcNow()));
        var deliveredSnapshot = await harness.Tables.Customers.GetEntityAsync<TableEntity>(CustomerRecords.HeadKey("c-1", SubjectKind.Order, "A-1").Partition, CustomerRecords.HeadKey("c-1", SubjectKind.Order, "A-1").Row);

        Assert.Equal(PipelineHarness.Start.AddHours(1), (await harness.MessageAsync(thanks)).DueAt);
        Assert.Equal(harness.Time.GetUtcNow(), deliveredSnapshot.Value.GetDateTimeOffset("AsOf"));
    }

    [Fact]
    public async Task IngestAsync_OlderEventArrivingLate_DoesNotOverwriteNewerOrderDetails()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var shipped = TestEvents.Order(EventTypes.OrderShipped, "A-1", time: Monday.AddDays(1));
        shipped["data"]!["order"]!["expectedDeliveryAt"] = "2026-11-20T12:00:00Z";
        await harness.IngestAsync(shipped);

        var placed = TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: Monday);
        placed["data"]!["order"]!["expectedDeliveryAt"] = "2026-11-25T12:00:00Z";
        await harness.IngestAsync(placed);

        var snapshot = await harness.Tables.Customers.GetEntityAsync<TableEntity>(CustomerRecords.HeadKey("c-1", SubjectKind.Order, "A-1").Partition, CustomerRecords.HeadKey("c-1", SubjectKind.Order, "A-1").Row);
        var order = JsonNode.Parse(snapshot.Value.GetString("Snapshot"))!;
        Assert.Equal("2026-11-20T12:00:00Z", order["expectedDeliveryAt"]!.GetValue<string>());
        Assert.Equal(2, order["lines"]!.AsArray().Count);
    }
}
